// Signatures in the composer (issue 12, point 15). Browser-safe. The block is ordinary editor content
// ("-- " line, then the signature's lines), so a person can edit or delete it in each message; the
// plain-text part made from the HTML gets the usual "-- " separator that mail programs recognise.
import { escapeHtml } from "@/lib/shared/compose-text";

/** The editor HTML of a signature; "" for none. */
export function signatureHtml(signature: string): string {
  const lines = signature.replace(/\r\n?/g, "\n").trim();
  if (!lines) return "";
  return `<p>-- <br>${lines.split("\n").map(escapeHtml).join("<br>")}</p>`;
}

/**
 * A new message or a reply/forward gets the signature under the empty line the person types on and
 * above any quoted or forwarded text.
 */
export function insertSignature(html: string, signature: string): string {
  const sig = signatureHtml(signature);
  if (!sig) return html;
  const start = "<p></p>";
  return html.startsWith(start) ? `${start}${sig}${html.slice(start.length)}` : `${start}${sig}${html}`;
}

/**
 * Another identity picked in the composer: its signature replaces the old one where the old one still
 * stands as inserted; a signature the person already edited stays as they left it.
 */
export function replaceSignature(html: string, from: string, to: string): string {
  const old = signatureHtml(from);
  const next = signatureHtml(to);
  if (old === next) return html;
  if (!old) return insertSignature(html, to);
  const at = html.indexOf(old);
  if (at < 0) return html;
  return html.slice(0, at) + next + html.slice(at + old.length);
}
