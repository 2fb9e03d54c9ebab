import "server-only";
import type { Readable } from "node:stream";
import type { Cache } from "@/lib/cache/open-cache";
import type { TempBlob } from "@/lib/cache/blob-store";
import { readMessageMeta } from "@/lib/pop3/message-meta";

/** Streams a message to a temp file (hashing it on the way) and fsyncs it; nothing is held in memory. */
export async function writeTemp(cache: Cache, input: Readable, scope: string, onBytes?: (n: number) => void): Promise<TempBlob> {
  const w = await cache.blobs.beginTemp(scope);
  try {
    for await (const chunk of input) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      await w.write(buf);
      onBytes?.(buf.length);
    }
    return await w.finish();
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
}

/**
 * The write path after the bytes are on disk: temp → content address (fsync'd rename) → parse the
 * stored blob → one transaction (row, flags, search row, ledger). A crash before the commit leaves at
 * most an orphan blob that the next run reuses; after it, the ledger says the message is here.
 */
export async function storeMessage(cache: Cache, tmp: TempBlob, target: StoreTarget): Promise<{ uid: number | null; duplicate: boolean }> {
  await cache.blobs.commitTemp(tmp);
  const meta = await readMessageMeta(() => cache.blobs.open(tmp.sha256), target.ledger?.downloadedAt ?? Date.now());
  return cache.store.insertMessage(
    { account: target.account, folderPath: target.folderPath, sha256: tmp.sha256, size: tmp.size, meta, seen: target.seen, ledger: target.ledger },
    (sha) => cache.blobs.exists(sha),
  );
}
