import "server-only";
import { pipeline, Readable, Transform } from "node:stream";
import type { ImapFlow, MessageStructureObject } from "imapflow";
import { decodedContent, findPart, parseEncapsulated, parseMimeTree } from "@/lib/mime/mime-tree";
import { forwardedHeader, toAttachment } from "@/lib/mime/body-blocks";
import type { AccountPool } from "@/lib/imap/pool";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { mapImapError } from "@/lib/imap/map-error";
import { findStructurePart } from "@/lib/imap/body-structure";
import { GONE } from "@/lib/imap/get-message";
import type { OpenedPart } from "@/lib/mail/store";
import { isTnef, openTnefFile, readBounded, TNEF_MAX_BYTES, TNEF_PART } from "@/lib/mime/tnef";

// An encoded forwarded message is read whole to reach its parts; bigger ones are offered as .eml only.
const ENCODED_MESSAGE_MAX = 32 * 1024 * 1024;

/**
 * Streams one body part from IMAP. imapflow fetches it in 64 KB partial FETCHes as the consumer reads,
 * so a 50 MB attachment never sits in memory. The connection (a lease, which never takes the account's
 * last one) and the mailbox lock are held until the stream ends, fails, is cancelled — or stalls:
 * a download nobody reads for DOWNLOAD_IDLE_TIMEOUT_S is cut so it cannot hold a shared connection.
 */
export async function openAttachment(pool: AccountPool, folder: string, uid: number, partId: string, signal?: AbortSignal): Promise<OpenedPart> {
  const { client, release } = await pool.lease(signal);
  let lock: { release(): void } | null = null;
  const done = () => {
    lock?.release();
    lock = null;
    release();
  };
  try {
    lock = await client.getMailboxLock(folder);
    const meta = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
    if (!meta) throw new MailroomError("MESSAGE_GONE", GONE);
    // "<part>.tnef.<n>": file n inside the winmail.dat at <part>, decoded here (bounded) on demand.
    const tnef = TNEF_PART.exec(partId);
    const wrapper = encodedWrapper(meta.bodyStructure, tnef ? tnef[1]! : partId);
    if (wrapper) {
      const inner = await openInsideEncoded(client, uid, wrapper, partId);
      done();
      return inner;
    }
    const att = findStructurePart(meta.bodyStructure, tnef ? tnef[1]! : partId);
    if (!att || (tnef && !isTnef(att.contentType, att.filename))) throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
    if (tnef) {
      const whole = await client.download(String(uid), tnef[1]!, { uid: true, maxBytes: TNEF_MAX_BYTES + 1 });
      const buf = "content" in whole && whole.content ? await readBounded(whole.content, TNEF_MAX_BYTES) : Buffer.alloc(0);
      done();
      return openTnefFile(buf, Number(tnef[2]));
    }
    const filename = /\uFFFD/.test(att.filename) ? await nameFromMimeHeader(client, uid, partId, att.filename) : att.filename;
    const dl = await client.download(String(uid), partId, { uid: true });
    if (!("content" in dl) || !dl.content) throw new MailroomError("NOT_FOUND", "That attachment could not be found.");
    const stream = cutWhenIdle(dl.content as Readable, env().DOWNLOAD_IDLE_TIMEOUT_S * 1000);
    stream.once("close", done);
    return { filename, contentType: att.contentType, size: null, stream };
  } catch (err) {
    done();
    throw mapImapError(err);
  }
}

/**
 * BODYSTRUCTURE strings reach us read as UTF-8 (imapflow), so a raw 8-bit Latin-1 filename arrives with
 * U+FFFD; the part's own MIME header is read instead, by the charset rules the message list uses.
 */
async function nameFromMimeHeader(client: ImapFlow, uid: number, partId: string, fallback: string): Promise<string> {
  const msg = await client.fetchOne(String(uid), { uid: true, bodyParts: [`${partId}.MIME`] }, { uid: true });
  const header = msg ? [...(msg.bodyParts ?? new Map<string, Buffer>()).values()][0] : undefined;
  if (!header) return fallback;
  const node = parseMimeTree(Buffer.concat([header, Buffer.from("\r\n\r\n")]));
  return node.dispositionParams.filename || node.params.name ? toAttachment(node).filename : fallback;
}

/**
 * The message part holding `partId` when that part was sent base64 or quoted-printable encoded (RFC 2046
 * forbids it; some clients do it): IMAP servers do not look inside such a part, so its own attachments
 * have no part number there and are read from the decoded wrapper instead.
 */
function encodedWrapper(root: MessageStructureObject | undefined, partId: string): string | null {
  const ids = partId.split(".");
  for (let i = 1; i < ids.length; i++) {
    const prefix = ids.slice(0, i).join(".");
    const node = findStructureNode(root, prefix);
    if (node && /^message\/(rfc822|global)$/i.test(node.type ?? "") && /^(base64|quoted-printable)$/i.test(node.encoding ?? "")) return prefix;
  }
  return null;
}

function findStructureNode(root: MessageStructureObject | undefined, partId: string): MessageStructureObject | null {
  const stack = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.part === partId) return node;
    stack.push(...(node.childNodes ?? []));
  }
  return null;
}

/** Fetches the encoded message part (decoded by imapflow, bounded), walks it, and serves the part asked for. */
async function openInsideEncoded(client: ImapFlow, uid: number, wrapper: string, partId: string): Promise<OpenedPart> {
  const dl = await client.download(String(uid), wrapper, { uid: true, maxBytes: ENCODED_MESSAGE_MAX + 1 });
  const raw = "content" in dl && dl.content
    ? await readBounded(dl.content, ENCODED_MESSAGE_MAX).catch((err: unknown) => {
        if ((err as { code?: string }).code !== "TNEF_TOO_LARGE") throw err;
        throw new MailroomError("ATTACHMENT_TOO_LARGE", "This forwarded message is too large to open its parts here; download it whole as .eml instead.");
      })
    : Buffer.alloc(0);
  const tnef = TNEF_PART.exec(partId);
  const node = findPart(parseEncapsulated(raw, wrapper), tnef ? tnef[1]! : partId);
  if (!node || (tnef && !isTnef(node.type, node.dispositionParams.filename ?? node.params.name))) {
    throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
  }
  if (tnef) return openTnefFile(decodedContent(node), Number(tnef[2]));
  const listed = toAttachment(node, node.message ? forwardedHeader(node.message).subject : undefined);
  const bytes = decodedContent(node);
  return { filename: listed.filename, contentType: listed.contentType, size: bytes.length, stream: Readable.from([bytes]) };
}

/**
 * Passes the download through and destroys it (and the IMAP stream) when no chunk has moved for idleMs:
 * a chunk moves only when the reader has room, so a browser that stops reading trips it.
 */
function cutWhenIdle(source: Readable, idleMs: number): Readable {
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      timer.refresh();
      cb(null, chunk);
    },
  });
  const timer = setTimeout(() => out.destroy(new MailroomError("TIMEOUT", "The download stalled and was stopped.")), idleMs);
  pipeline(source, out, () => clearTimeout(timer));
  out.once("close", () => clearTimeout(timer));
  return out;
}
