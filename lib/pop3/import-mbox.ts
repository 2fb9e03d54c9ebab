import "server-only";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { MailroomError } from "@/lib/errors";
import { openCache, type Cache } from "@/lib/cache/open-cache";
import type { TempWriter } from "@/lib/cache/blob-store";
import { readMbox } from "@/lib/pop3/mbox";
import { storeMessage } from "@/lib/pop3/ingest";
import { accountKey } from "@/lib/pop3/settings";
import { quotaExceeded, storageRoom } from "@/lib/mail/storage-quota";

const WRITE_BYTES = 256 * 1024;

/**
 * Imports an mboxrd stream into a folder. Each message is streamed to a temp file and goes through
 * the same blob + transaction path as POP3 mail; one already in the folder (same bytes) is skipped.
 */
export async function importMbox(email: string, folder: string, input: Readable, cache: Cache = openCache(), opts: { storageLimitBytes?: number } = {}): Promise<{ imported: number; skipped: number }> {
  const account = accountKey(email);
  await cache.store.ensureAccount(account);
  if (!(await cache.store.getFolder(account, folder))) throw new MailroomError("NOT_FOUND", "That folder doesn't exist.");
  // ACCOUNT_STORAGE_MAX_MB: messages are imported while they fit; the first that does not stops the import.
  let room = await storageRoom(email, { cache, limitBytes: opts.storageLimitBytes });
  const scope = `import-${randomBytes(8).toString("hex")}`;
  let writer: TempWriter | null = null;
  // Lines are short: gather them into one write per WRITE_BYTES instead of one system call per line.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await writer!.write(data);
  };
  let imported = 0;
  let skipped = 0;
  try {
    await readMbox(input, {
      begin: async () => {
        writer = await cache.blobs.beginTemp(scope);
      },
      write: async (chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BYTES) await flush();
      },
      end: async () => {
        await flush();
        const tmp = await writer!.finish();
        writer = null;
        if (await cache.store.hasHashInFolder(account, folder, tmp.sha256)) {
          await cache.blobs.discardTemp(tmp);
          skipped++;
          return;
        }
        if (tmp.size > room) {
          await cache.blobs.discardTemp(tmp);
          throw quotaExceeded(`${imported} message${imported === 1 ? " was" : "s were"} imported; the rest of the file was not.`, opts.storageLimitBytes);
        }
        room -= tmp.size;
        // Archives are mail already read elsewhere: they arrive marked read.
        await storeMessage(cache, tmp, { account, folderPath: folder, seen: true });
        imported++;
      },
    });
  } finally {
    await (writer as TempWriter | null)?.abort();
    await cache.blobs.cleanTemp(scope, { removeScope: true });
  }
  return { imported, skipped };
}
