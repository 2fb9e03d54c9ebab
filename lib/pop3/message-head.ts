import "server-only";
import libmime from "libmime";
import { parseAddressHeader, type EmailAddress } from "mailparser";
import type { MessageMeta } from "@/lib/cache/cache-store";
import type { Address } from "@/lib/shared/types";

// A header block longer than this is not a header block: such a message waits for the full parse.
export const HEAD_LIMIT = 256 * 1024;

/** Offset just past the blank line that ends the header block, or -1 while it has not been seen. */
export function headerEnd(buf: Buffer): number {
  const crlf = buf.indexOf("\r\n\r\n");
  const lf = buf.indexOf("\n\n");
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  return lf >= 0 && lf < crlf ? lf + 2 : crlf + 4;
}

function flatten(list: EmailAddress[] | undefined, out: Address[] = []): Address[] {
  for (const a of list ?? []) {
    if (a.group) flatten(a.group, out);
    else if (a.address || a.name) out.push({ name: a.name ?? "", address: a.address ?? "" });
  }
  return out;
}

function decodeWords(v: string): string {
  try {
    return libmime.decodeWords(v);
  } catch {
    return v;
  }
}

/**
 * What the message list needs, from the header block alone, decoded the way mailparser decodes it
 * (same libmime calls, same address parser), so the sync need not run the full MIME parse per
 * message. Attachments and body text are left to the indexer (index-pending.ts); `hasAttachments`
 * is a hint from the top-level Content-Type until then. Null when there is no header block.
 */
export function readHeadMeta(head: Buffer, fallbackDate: number): (MessageMeta & { hasAttachments: boolean }) | null {
  const end = headerEnd(head);
  if (end < 0) return null;
  // Like mailparser: header bytes as binary, unfolded, decoded, then read back as UTF-8.
  const lines = head.subarray(0, end).toString("binary").replace(/\r?\n[ \t]/g, " ").split(/\r?\n/);
  const first = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (first.has(key)) continue;
    let value: string;
    try {
      value = String(libmime.decodeHeader(line).value ?? "").trim();
    } catch {
      value = line.slice(colon + 1).trim();
    }
    first.set(key, Buffer.from(value, "binary").toString());
  }
  const get = (k: string) => first.get(k) ?? "";
  const addresses = (k: string) => (first.has(k) ? flatten(parseAddressHeader(get(k)).value) : []);
  let messageId: string | null = decodeWords(get("message-id")).trim() || null;
  if (messageId) messageId = `${messageId.startsWith("<") ? "" : "<"}${messageId}${messageId.endsWith(">") ? "" : ">"}`;
  const date = first.has("date") ? new Date(get("date")).getTime() : NaN;
  const type = (get("content-type").split(";")[0] ?? "").trim().toLowerCase();
  return {
    subject: decodeWords(get("subject")),
    from: addresses("from")[0] ?? null,
    to: addresses("to"),
    cc: addresses("cc"),
    replyTo: addresses("reply-to"),
    messageId,
    date: Number.isFinite(date) ? date : fallbackDate,
    attachments: [],
    searchText: "",
    // multipart/mixed is how attachments travel; a lone non-text part is itself one.
    hasAttachments: type === "multipart/mixed" || (type !== "" && !type.startsWith("text/") && !type.startsWith("multipart/")),
  };
}
