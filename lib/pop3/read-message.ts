import "server-only";
import { pipeline, Readable } from "node:stream";
import { MailroomError } from "@/lib/errors";
import type { Cache } from "@/lib/cache/open-cache";
import type { MessageRow } from "@/lib/cache/cache-store";
import type { OpenedPart } from "@/lib/mail/store";
import { parseMessage, rawFallback, type ParsedBody } from "@/lib/mime/parse-message";
import { decodedContent, findPart, parseMimeTree } from "@/lib/mime/mime-tree";
import { decodedEstimate, marksByPart, partMark, restoreSizes } from "@/lib/mime/slim-source";
import { transferDecoder } from "@/lib/mime/transfer-decode";
import { slimStream } from "@/lib/pop3/slim-stream";
import { toAttachment, forwardedHeader } from "@/lib/mime/body-blocks";
import { bodyKey, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";
import { walkMessage } from "@/lib/pop3/message-meta";
import { isTnef, openTnefFile, readBounded, TNEF_MAX_BYTES, TNEF_PART } from "@/lib/mime/tnef";

// Like the IMAP side: small messages are parsed whole (cid: images inlined) and their parts opened by
// IMAP-style part id; bigger ones are read as a streamed slim copy with the same part ids, so a 50 MB
// attachment never sits in memory.
const WHOLE_LIMIT = 4 * 1024 * 1024;
const RAW_HEAD = 1024 * 1024;

/**
 * A message over the whole-fetch limit: a slim copy (every header and readable part, no big attachment;
 * lib/pop3/slim-stream.ts) read from the stored file as a stream, then parsed like a small message, so
 * forwarded messages, every inline part, charset repair and 8-bit names work the same; the parts it left
 * out are listed with their real sizes and served from the stored file by the same part ids.
 */
async function streamedBody(cache: Cache, row: MessageRow): Promise<ParsedBody> {
  try {
    const slim = await slimStream(cache.blobs.open(row.sha256));
    const body = parseMessage(slim.source);
    if (body.structure) {
      const sizes = new Map<string, number>();
      for (const [partId, mark] of marksByPart(parseMimeTree(slim.source))) {
        const r = slim.ranges.get(mark);
        if (r) sizes.set(partId, r.message ? r.end - r.start : decodedEstimate(r.end - r.start, r.encoding));
      }
      restoreSizes(body.structure, sizes);
    }
    return body;
  } catch {
    return rawFallback(Buffer.concat(await collect(cache.blobs.open(row.sha256, { end: RAW_HEAD }))));
  }
}

/** A part of a big stored message by its IMAP-style id, streamed from where the slim copy found it; null when unknown. */
async function openRangedPart(cache: Cache, row: MessageRow, partId: string): Promise<OpenedPart | null> {
  const slim = await slimStream(cache.blobs.open(row.sha256));
  const node = findPart(parseMimeTree(slim.source), partId);
  const mark = node ? partMark(node) : null;
  if (!node) return null;
  const listed = toAttachment(node, node.message ? forwardedHeader(node.message).subject : undefined);
  const range = mark === null ? undefined : slim.ranges.get(mark);
  if (!range) {
    // A part inside a forwarded message sent encoded: that message is kept whole in the slim copy.
    const bytes = decodedContent(node);
    return { filename: listed.filename, contentType: listed.contentType, size: bytes.length, stream: Readable.from([bytes]) };
  }
  const raw = range.end > range.start ? cache.blobs.open(row.sha256, { start: range.start, end: range.end - 1 }) : Readable.from([]);
  const decoder = range.message ? null : transferDecoder(range.encoding);
  const stream = decoder ? pipeline(raw, decoder, () => {}) : raw;
  const size = range.message ? range.end - range.start : decoder ? null : range.end - range.start;
  return { filename: listed.filename, contentType: listed.contentType, size, stream };
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
  const ranged = await openRangedPart(cache, row, partId);
  if (ranged) return ranged;
  // Ids listed by mailparser at ingest (before big messages were read as a slim copy).
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
