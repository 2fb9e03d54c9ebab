import "server-only";
import { Readable } from "node:stream";
import { MailroomError } from "@/lib/errors";
import type { Cache } from "@/lib/cache/open-cache";
import type { MessageRow } from "@/lib/cache/cache-store";
import type { OpenedPart } from "@/lib/mail/store";
import { parseMessage, rawFallback, singlePartBody, type ParsedBody } from "@/lib/mime/parse-message";
import { decodedContent, findPart, parseMimeTree } from "@/lib/mime/mime-tree";
import { toAttachment, forwardedHeader } from "@/lib/mime/body-blocks";
import { bodyKey, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";
import { walkMessage } from "@/lib/pop3/message-meta";
import { attachedPartLimit, collectAttachedPart, readAttachedParts, type AttachedPart } from "@/lib/mime/attached-parts";
import { isTnef, openTnefFile, readBounded, TNEF_MAX_BYTES, TNEF_PART } from "@/lib/mime/tnef";

// Like the IMAP side: small messages are parsed whole (cid: images inlined) and their parts opened by
// IMAP-style part id; bigger ones are streamed and only their text parts kept, so a 50 MB attachment
// never sits in memory, and their attachments keep mailparser's ids listed at ingest.
const WHOLE_LIMIT = 4 * 1024 * 1024;
const RAW_HEAD = 1024 * 1024;

async function streamedBody(cache: Cache, row: MessageRow): Promise<ParsedBody> {
  try {
    // Calendar and winmail.dat parts are kept (bounded) for the invite card and the TNEF listing.
    const kept: AttachedPart[] = [];
    const { text } = await walkMessage(cache.blobs.open(row.sha256), async (att) => {
      const max = attachedPartLimit(att.contentType, att.filename);
      if (max) {
        kept.push({ contentType: att.contentType, filename: att.filename, content: await collectAttachedPart(att.content, max).finally(() => att.release?.()) });
        return;
      }
      (att.content as Readable).resume();
      att.content.on("end", () => att.release?.());
    });
    const extras = readAttachedParts(kept);
    let html = typeof text?.html === "string" && text.html.trim() ? text.html : null;
    let plain = text?.text?.trim() ? text.text : null;
    // A winmail.dat's body stands in when the message has no other.
    if (!html && !plain && extras.body) ({ html, text: plain } = extras.body);
    const body = singlePartBody(html ? "html" : "text", html ?? plain ?? "");
    body.structure!.attachments = row.attachments; // mailparser's ids, as openStoredAttachment expects for big messages
    return { ...body, invites: extras.invites, tnef: extras.tnef };
  } catch {
    return rawFallback(Buffer.concat(await collect(cache.blobs.open(row.sha256, { end: RAW_HEAD }))));
  }
}

async function collect(stream: Readable): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return out;
}

/** The parsed body of a cached message; memoised by content hash, which no move or flag changes. */
export async function loadBody(cache: Cache, account: string, row: MessageRow): Promise<ParsedBody> {
  const key = bodyKey(account, "\u0000pop3", row.sha256, 0);
  const hit = getCachedBody(key);
  if (hit) return hit;
  const body = row.size <= WHOLE_LIMIT ? await parseMessage(await cache.blobs.read(row.sha256)) : await streamedBody(cache, row);
  putCachedBody(key, body);
  return body;
}

/**
 * A part of a message small enough to be parsed whole: found by the IMAP-style part id the body walk
 * listed (lib/mime/mime-tree.ts), so forwarded messages' own parts and the forwarded messages themselves
 * (as .eml) open the same way as over IMAP.
 */
async function openWalkedPart(cache: Cache, row: MessageRow, partId: string): Promise<OpenedPart> {
  const node = findPart(parseMimeTree(await cache.blobs.read(row.sha256)), partId);
  if (!node) throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
  const listed = toAttachment(node, node.message ? forwardedHeader(node.message).subject : undefined);
  const bytes = decodedContent(node);
  return { filename: listed.filename, contentType: listed.contentType, size: bytes.length, stream: Readable.from([bytes]) };
}

/**
 * Streams attachment `partId` ("1", "2", … in mailparser's order, as listed at ingest) out of the
 * stored message. The parse stops once the part is found; the consumer's pace drives it.
 */
export async function openStoredAttachment(cache: Cache, row: MessageRow, partId: string): Promise<OpenedPart> {
  // "<id>.tnef.<n>": file n inside the winmail.dat listed as <id>, decoded (bounded) on demand.
  const tnef = TNEF_PART.exec(partId);
  if (tnef) {
    const whole = await openStoredAttachment(cache, row, tnef[1]!);
    if (!isTnef(whole.contentType, whole.filename)) {
      whole.stream.destroy();
      throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
    }
    return openTnefFile(await readBounded(whole.stream, TNEF_MAX_BYTES), Number(tnef[2]));
  }
  if (row.size <= WHOLE_LIMIT) return openWalkedPart(cache, row, partId);
  const listed = row.attachments.find((a) => a.partId === partId);
  if (!listed) throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
  return new Promise<OpenedPart>((resolve, reject) => {
    let found = false;
    walkMessage(cache.blobs.open(row.sha256), async (att, id) => {
      if (id !== partId) {
        (att.content as Readable).resume();
        att.content.on("end", () => att.release?.());
        return;
      }
      found = true;
      const content = att.content as Readable;
      // The parser waits for release(); release when the consumer has read it all or gone away.
      content.once("end", () => att.release?.());
      content.once("close", () => att.release?.());
      resolve({ filename: listed.filename, contentType: listed.contentType, size: listed.size, stream: content });
    }).then(
      () => {
        if (!found) reject(new MailroomError("NOT_FOUND", "That attachment could not be found."));
      },
      (err) => (found ? undefined : reject(err)),
    );
  });
}
