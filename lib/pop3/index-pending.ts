import "server-only";
import type { Cache } from "@/lib/cache/open-cache";
import type { MessageRow, PendingIndex } from "@/lib/cache/cache-store";
import { readMessageMeta } from "@/lib/pop3/message-meta";

const PAGE = 100;

/** Full parse of one row the sync listed from its headers: attachment list and body text for search. */
export async function indexMessage(cache: Cache, row: PendingIndex): Promise<void> {
  const meta = await readMessageMeta(() => cache.blobs.open(row.sha256), row.date);
  await cache.store.completeIndex(row.uid, meta);
}

/**
 * Indexes every row of the account still waiting for it — those of the sync that just ran and any a
 * killed sync left behind. Runs after a sync, off the download path; until a row is indexed only
 * body-text search misses it (list, open and attachments index a row on demand).
 */
export async function indexPending(cache: Cache, account: string): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await cache.store.pendingIndex(account, PAGE);
    if (rows.length === 0) return done;
    for (const row of rows) {
      await indexMessage(cache, row);
      done++;
    }
    // Let requests on the shared connection in between pages.
    await new Promise((r) => setImmediate(r));
  }
}

/** The row with attachments listed: indexes it first if the sync has only read its headers. */
export async function indexedRow(cache: Cache, row: MessageRow): Promise<MessageRow> {
  if (row.indexed) return row;
  const meta = await readMessageMeta(() => cache.blobs.open(row.sha256), row.date);
  await cache.store.completeIndex(row.uid, meta);
  return { ...row, attachments: meta.attachments, hasAttachments: meta.attachments.length > 0, indexed: true };
}
