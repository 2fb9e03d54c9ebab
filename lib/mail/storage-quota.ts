import "server-only";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { openCache, type Cache } from "@/lib/cache/open-cache";
import { uploadsUsage } from "@/lib/compose/uploads";

/*
 * ACCOUNT_STORAGE_MAX_MB: the disk one mail account may fill on this server — its POP3 cache (synced
 * and imported messages) and its composer uploads together. Past it nothing already stored is touched:
 * an upload or import is refused (507), and a POP3 sync leaves the messages that do not fit on the
 * mail server (never DELE'd), to be fetched once room is made.
 */

const MB = 1024 * 1024;

export function storageLimitBytes(): number {
  return env().ACCOUNT_STORAGE_MAX_MB * MB;
}

/** Bytes the account holds now: cached messages (their sizes) plus uploads on disk. */
export async function accountUsage(email: string, cache: Cache = openCache()): Promise<number> {
  const [cached, uploads] = await Promise.all([cache.store.usage(email.trim().toLowerCase()), uploadsUsage(email)]);
  return cached.bytes + uploads;
}

/** Bytes still free for the account (never negative). */
export async function storageRoom(email: string, opts: { cache?: Cache; limitBytes?: number } = {}): Promise<number> {
  return Math.max(0, (opts.limitBytes ?? storageLimitBytes()) - (await accountUsage(email, opts.cache)));
}

export function quotaExceeded(what: string, limitBytes = storageLimitBytes()): MailroomError {
  return new MailroomError("STORAGE_QUOTA_EXCEEDED", `${what} This account's storage on this server is full (limit ${Math.round(limitBytes / MB)} MB). Delete messages or attachments you no longer need, then try again.`);
}
