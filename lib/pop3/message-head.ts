import "server-only";
import libmime from "libmime";
import type { MessageMeta } from "@/lib/cache/cache-store";
import { decodeHeaderBytes } from "@/lib/mime/charset";
import { decodeAddressBytes, splitHeaderFields } from "@/lib/mime/raw-headers";

// A header block longer than this is not a header block: such a message waits for the full parse.
export const HEAD_LIMIT = 256 * 1024;

/** Offset just past the blank line that ends the header block, or -1 while it has not been seen. */
export function headerEnd(buf: Buffer): number {
  const crlf = buf.indexOf("\r\n\r\n");
  const lf = buf.indexOf("\n\n");
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  return lf >= 0 && lf < crlf ? lf + 2 : crlf + 4;
}

/**
 * What the message list needs, from the header block alone, decoded by the same rules as the IMAP
 * list (lib/mime/raw-headers.ts, mailparser's address parser), so the sync need not run the full MIME parse per
 * message. Attachments and body text are left to the indexer (index-pending.ts); `hasAttachments`
 * is a hint from the top-level Content-Type until then. Null when there is no header block.
 */
export function readHeadMeta(head: Buffer, fallbackDate: number): (MessageMeta & { hasAttachments: boolean }) | null {
  const end = headerEnd(head);
  if (end < 0) return null;
  // The one set of charset rules (lib/mime/charset.ts): raw 8-bit values by UTF-8 or detection, the
  // message's declared charset first, never U+FFFD where a legacy charset reads them.
  const first = new Map<string, Buffer>();
  for (const f of splitHeaderFields(head.subarray(0, end))) if (!first.has(f.name)) first.set(f.name, f.bytes);
  const get = (k: string) => first.get(k)?.toString("latin1") ?? "";
  const hint = (() => {
    try {
      return libmime.parseHeaderValue(get("content-type")).params.charset ?? null;
    } catch {
      return null;
    }
  })();
  const text = (k: string) => (first.has(k) ? decodeHeaderBytes(first.get(k)!, hint).trim() : "");
  const addresses = (k: string) => (first.has(k) ? decodeAddressBytes(first.get(k)!, hint) : []);
  const froms = splitHeaderFields(head.subarray(0, end)).filter((f) => f.name === "from");
  // Every From header and address (a forger may send two): the reading pane shows them all and warns.
  const fromAll = froms.flatMap((f) => decodeAddressBytes(f.bytes, hint));
  const several = froms.length > 1 || fromAll.length > 1;
  let messageId: string | null = text("message-id") || null;
  if (messageId) messageId = `${messageId.startsWith("<") ? "" : "<"}${messageId}${messageId.endsWith(">") ? "" : ">"}`;
  const date = first.has("date") ? new Date(get("date")).getTime() : NaN;
  const type = (get("content-type").split(";")[0] ?? "").trim().toLowerCase();
  return {
    subject: text("subject"),
    from: addresses("from")[0] ?? null,
    ...(several ? { fromAll, fromHeaders: froms.length } : {}),
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
