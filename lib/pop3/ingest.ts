import "server-only";
import type { Readable } from "node:stream";
import type { Cache } from "@/lib/cache/open-cache";
import type { MessageMeta, NewMessage } from "@/lib/cache/cache-store";
import type { TempBlob } from "@/lib/cache/blob-store";
import { readMessageMeta } from "@/lib/pop3/message-meta";
import { HEAD_LIMIT, headerEnd, readHeadMeta } from "@/lib/pop3/message-head";

/** A finished temp file plus its first bytes (up to the end of the header block), kept on the way in. */
export interface IngestedTemp extends TempBlob {
  head: Buffer;
}

/** Streams a message to a temp file (hashing it on the way) and fsyncs it; only the header block is held in memory. */
export async function writeTemp(cache: Cache, input: Readable, scope: string, onBytes?: (n: number) => void, opts: { sync?: boolean } = {}): Promise<IngestedTemp> {
  const w = await cache.blobs.beginTemp(scope);
  const head: Buffer[] = [];
  let headBytes = 0;
  let headDone = false;
  try {
    for await (const chunk of input) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      if (!headDone) {
        head.push(buf);
        headBytes += buf.length;
        const joined = head.length > 1 ? Buffer.concat(head) : buf;
        const end = headerEnd(joined);
        if (end >= 0 || headBytes >= HEAD_LIMIT) {
          headDone = true;
          head.length = 0;
          head.push(joined.subarray(0, end >= 0 ? end : Math.min(joined.length, HEAD_LIMIT)));
        }
      }
      await w.write(buf);
      onBytes?.(buf.length);
    }
    const tmp = await w.finish(opts);
    return { ...tmp, head: Buffer.concat(head) };
  } catch (err) {
    await w.abort();
    throw err;
  }
}

export interface StoreTarget {
  account: string;
  folderPath: string;
  seen?: boolean;
  ledger?: { key: string; downloadedAt: number };
  /**
   * List the message from its header block now and leave attachments and body text to the indexer
   * (the POP3 sync's fast path); otherwise the whole message is parsed before the insert.
   */
  headersOnly?: boolean;
  /** Whether this commit must be durable on its own (see CacheStore.insertMessage). Default true. */
  durable?: boolean;
}

/**
 * The write path after the bytes are on disk: temp → content address (fsync'd rename) → parse (the
 * header block, or the stored blob) → one transaction (row, flags, search row, ledger). A crash before
 * the commit leaves at most an orphan blob that the next run reuses; after it, the ledger says the
 * message is here.
 */
export async function storeMessage(cache: Cache, tmp: TempBlob & { head?: Buffer }, target: StoreTarget): Promise<{ uid: number | null; duplicate: boolean }> {
  await cache.blobs.commitTemp(tmp);
  return insertStored(cache, tmp, target);
}

/** The row for a message whose blob is at its content address: header block only, or the full parse. */
export async function describeStored(cache: Cache, tmp: TempBlob & { head?: Buffer }, target: StoreTarget): Promise<NewMessage> {
  const fallbackDate = target.ledger?.downloadedAt ?? Date.now();
  const quick = target.headersOnly && tmp.head ? readHeadMeta(tmp.head, fallbackDate) : null;
  const meta: MessageMeta = quick ?? (await readMessageMeta(() => cache.blobs.open(tmp.sha256), fallbackDate));
  return { account: target.account, folderPath: target.folderPath, sha256: tmp.sha256, size: tmp.size, meta, seen: target.seen, ledger: target.ledger, indexed: quick === null };
}

/** storeMessage after the blob is at its content address (commitTemp/commitTemps done). */
export async function insertStored(cache: Cache, tmp: TempBlob & { head?: Buffer }, target: StoreTarget): Promise<{ uid: number | null; duplicate: boolean }> {
  return cache.store.insertMessage(await describeStored(cache, tmp, target), (sha) => cache.blobs.exists(sha), { durable: target.durable ?? true });
}
