import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
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

// Messages up to this size are read into memory and written to their temp file in the background,
// so the next RETR need not wait for the disk; bigger ones stream to disk as they arrive.
const INLINE_LIMIT = 1024 * 1024;

export interface Received {
  sha256: string;
  size: number;
  /** The temp file (not yet fsynced); rejects if writing it failed. */
  tmp: Promise<IngestedTemp>;
}

/**
 * Reads a message (RETR stream) to its end, hashing it and keeping the header block; a small one is
 * then written to a temp file in the background. The caller awaits `tmp` before committing it.
 */
export async function receiveTemp(cache: Cache, input: Readable, scope: string, onBytes?: (n: number) => void): Promise<Received> {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let size = 0;
  const it = input[Symbol.asyncIterator]();
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    const buf = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as string);
    hash.update(buf);
    chunks.push(buf);
    size += buf.length;
    onBytes?.(buf.length);
    if (size > INLINE_LIMIT) {
      // Too big to hold: the rest streams through writeTemp, which hashes and keeps the head itself.
      const rest = (async function* () {
        yield* chunks;
        for (;;) {
          const n = await it.next();
          if (n.done) return;
          const b = Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value as string);
          onBytes?.(b.length);
          yield b;
        }
      })();
      const tmp = await writeTemp(cache, Readable.from(rest), scope, undefined, { sync: false });
      return { sha256: tmp.sha256, size: tmp.size, tmp: Promise.resolve(tmp) };
    }
  }
  const sha256 = hash.digest("hex");
  const all = Buffer.concat(chunks, size);
  const end = headerEnd(all);
  const head = Buffer.from(all.subarray(0, end >= 0 ? end : Math.min(size, HEAD_LIMIT)));
  const tmp = cache.blobs.putTemp(scope, [all], sha256, size).then((t) => ({ ...t, head }));
  tmp.catch(() => {}); // awaited by the caller; this only keeps an early failure from being "unhandled"
  return { sha256, size, tmp };
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
