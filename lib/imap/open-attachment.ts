import "server-only";
import type { Readable } from "node:stream";
import type { AccountPool } from "@/lib/imap/pool";
import { MailroomError } from "@/lib/errors";
import { mapImapError } from "@/lib/imap/map-error";
import { analyseStructure } from "@/lib/imap/body-structure";
import { GONE } from "@/lib/imap/get-message";
import type { OpenedPart } from "@/lib/mail/store";

/**
 * Streams one body part from IMAP. imapflow fetches it in 64 KB partial FETCHes as the consumer reads,
 * so a 50 MB attachment never sits in memory. The pooled connection and the mailbox lock are held
 * until the stream ends, fails or is cancelled.
 */
export async function openAttachment(pool: AccountPool, folder: string, uid: number, partId: string): Promise<OpenedPart> {
  const { client, release } = await pool.lease();
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
    const att = analyseStructure(meta.bodyStructure).attachments.find((a) => a.partId === partId);
    if (!att) throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
    const dl = await client.download(String(uid), partId, { uid: true });
    if (!("content" in dl) || !dl.content) throw new MailroomError("NOT_FOUND", "That attachment could not be found.");
    const stream = dl.content as Readable;
    stream.once("close", done);
    stream.once("end", done);
    stream.once("error", done);
    return { filename: att.filename, contentType: att.contentType, size: null, stream };
  } catch (err) {
    done();
    throw mapImapError(err);
  }
}
