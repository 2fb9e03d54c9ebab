import "server-only";
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { analyseStructure } from "@/lib/imap/body-structure";
import { decodeBody } from "@/lib/mime/charset";
import { htmlPreviewText, snippetFromText } from "@/lib/shared/snippet";
import { fetchPreviews, hasPreview } from "@/lib/imap/preview";

/*
 * Row snippets (issue 12 point 1) from a small partial fetch: the first 2 KB of the first text part,
 * chosen from the BODYSTRUCTURE the page fetch already has. Messages are grouped by part number
 * ("1", "1.1", "1.1.1"), so a page costs one FETCH per distinct part — usually one or two — and
 * the result rides in the first-page cache with the rest of the page. Where the server announces PREVIEW
 * (RFC 8970, lib/imap/preview.ts), the messages whose text is not part 1 get theirs in one UID FETCH instead;
 * the partial fetch works on every server and covers what PREVIEW does not.
 */
export const SNIPPET_BYTES = 2048;

/*
 * Part 1 is the text in most mail (a single-part message, or the text/plain of an alternative pair), so
 * the page's own FETCH asks for its first 2 KB too (SNIPPET_PART): those messages need no second round trip.
 */
export const SNIPPET_PART = { key: "1", start: 0, maxLength: SNIPPET_BYTES };

function partOne(msg: FetchMessageObject): Buffer | null {
  for (const [k, v] of msg.bodyParts ?? []) if (k === "1" || k.startsWith("1]")) return v;
  return null;
}

interface Wanted {
  uid: number;
  part: string;
  encoding: string;
  charset: string | null;
  html: boolean;
}

function wanted(msg: FetchMessageObject): Wanted | null {
  const s = analyseStructure(msg.bodyStructure);
  const node = s.text ?? s.html;
  if (!node) return null;
  // A single-part message's body is part "1" (RFC 3501 6.4.5), which imapflow leaves unnumbered.
  return { uid: msg.uid, part: node.part ?? "1", encoding: (node.encoding ?? "7bit").toLowerCase(), charset: node.parameters?.charset ?? null, html: node === s.html };
}

/** Undoes the transfer encoding of a truncated part: a partial base64 quad or =XX escape is dropped. */
export function decodePartial(raw: Buffer, encoding: string): Buffer {
  if (encoding === "base64") {
    const s = raw.toString("latin1").replace(/[^A-Za-z0-9+/]/g, "");
    return Buffer.from(s.slice(0, s.length - (s.length % 4)), "base64");
  }
  if (encoding === "quoted-printable") {
    const s = raw.toString("latin1").replace(/=[0-9A-Fa-f]?$/, "");
    return Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
  }
  return raw;
}

export function snippetOf(raw: Buffer, w: Pick<Wanted, "encoding" | "charset" | "html">): string {
  const bytes = decodePartial(raw, w.encoding);
  // A cut UTF-8 sequence at the end decodes to U+FFFD: drop it rather than show it.
  const text = decodeBody(bytes, w.charset, { html: w.html }).text.replace(/\uFFFD+$/, "");
  return snippetFromText(w.html ? htmlPreviewText(text) : text);
}

/** Snippets by UID for the fetched messages (the caller holds the mailbox lock). Missing ones are left out. */
export async function fetchSnippets(client: ImapFlow, messages: FetchMessageObject[]): Promise<Map<number, string>> {
  const groups = new Map<string, Wanted[]>();
  const out = new Map<number, string>();
  for (const m of messages) {
    const w = wanted(m);
    if (!w) continue;
    const early = w.part === "1" ? partOne(m) : null;
    if (early) out.set(m.uid, snippetOf(Buffer.from(early), w));
    else groups.set(w.part, [...(groups.get(w.part) ?? []), w]);
  }
  // Where the server has PREVIEW, one command covers every message still without a snippet, whatever its
  // text part; what it cannot preview falls through to the partial fetch below.
  if (groups.size && hasPreview(client)) {
    const previews = await fetchPreviews(client, [...groups.values()].flat().map((w) => w.uid));
    for (const [uid, snippet] of previews) out.set(uid, snippet);
    for (const [part, list] of groups) {
      const rest = list.filter((w) => !previews.has(w.uid));
      if (rest.length) groups.set(part, rest);
      else groups.delete(part);
    }
  }
  for (const [part, list] of groups) {
    const byUid = new Map(list.map((w) => [w.uid, w]));
    const rows = await client.fetchAll(list.map((w) => w.uid).join(","), { uid: true, bodyParts: [{ key: part, start: 0, maxLength: SNIPPET_BYTES }] }, { uid: true });
    for (const r of rows) {
      const w = byUid.get(r.uid);
      const raw = r.bodyParts?.get(part) ?? r.bodyParts?.values().next().value;
      if (w && raw) out.set(r.uid, snippetOf(Buffer.from(raw), w));
    }
  }
  return out;
}
