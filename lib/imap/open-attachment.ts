import "server-only";
import { pipeline, Transform, type Readable } from "node:stream";
import type { AccountPool } from "@/lib/imap/pool";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { mapImapError } from "@/lib/imap/map-error";
import { findStructurePart } from "@/lib/imap/body-structure";
import { GONE } from "@/lib/imap/get-message";
import type { OpenedPart } from "@/lib/mail/store";
import { isTnef, openTnefFile, readBounded, TNEF_MAX_BYTES, TNEF_PART } from "@/lib/mime/tnef";

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
    const att = findStructurePart(meta.bodyStructure, tnef ? tnef[1]! : partId);
    if (!att || (tnef && !isTnef(att.contentType, att.filename))) throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
    if (tnef) {
      const whole = await client.download(String(uid), tnef[1]!, { uid: true, maxBytes: TNEF_MAX_BYTES + 1 });
      const buf = "content" in whole && whole.content ? await readBounded(whole.content, TNEF_MAX_BYTES) : Buffer.alloc(0);
      done();
      return openTnefFile(buf, Number(tnef[2]));
    }
    const dl = await client.download(String(uid), partId, { uid: true });
    if (!("content" in dl) || !dl.content) throw new MailroomError("NOT_FOUND", "That attachment could not be found.");
    const stream = cutWhenIdle(dl.content as Readable, env().DOWNLOAD_IDLE_TIMEOUT_S * 1000);
    stream.once("close", done);
    return { filename: att.filename, contentType: att.contentType, size: null, stream };
  } catch (err) {
    done();
    throw mapImapError(err);
  }
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
