import "server-only";
import { isMailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { SyncStatus } from "@/lib/shared/types";
import type { Pop3Credentials } from "@/lib/pop3/pop3-client";
import { syncPop3Account, type SyncOptions } from "@/lib/pop3/sync";
import { indexPending } from "@/lib/pop3/index-pending";
import { openCache, type Cache } from "@/lib/cache/open-cache";
import { accountKey, getSettings } from "@/lib/pop3/settings";
import { endSessionsWithPassword } from "@/lib/auth/revocations";

// A scheduled sync runs only while the account had a request this recently.
const ACTIVE_MS = 2 * 60_000;

interface AccountSync {
  status: SyncStatus;
  running: Promise<void> | null;
  /** In memory only, for the scheduled sync; never written anywhere. */
  creds: Pop3Credentials | null;
  lastRequestAt: number;
  timer: NodeJS.Timeout | null;
  intervalMs: number;
  /** Aborts the running sync (shutdown). */
  abort: AbortController | null;
  /**
   * The indexing of what the downloads stored (attachments, body text), one run after another. It holds
   * no POP3 lock: a check asked for while the last one's mail is still being indexed downloads at once
   * (it used to be answered with the last status and nothing done).
   */
  indexing: Promise<void>;
}

const accounts = ((globalThis as Record<string, unknown>).__mailroomPop3Sync ??= new Map<string, AccountSync>()) as Map<string, AccountSync>;

// Set once on shutdown: no sync starts after it.
const shutdown = ((globalThis as Record<string, unknown>).__mailroomPop3SyncShutdown ??= { stopping: false }) as { stopping: boolean };

const idle = (): SyncStatus => ({ state: "idle", done: 0, total: 0, bytes: 0, startedAt: null, finishedAt: null, error: null });

function entry(account: string): AccountSync {
  let e = accounts.get(account);
  if (!e) {
    e = { status: idle(), running: null, creds: null, lastRequestAt: 0, timer: null, intervalMs: 0, abort: null, indexing: Promise.resolve() };
    accounts.set(account, e);
  }
  return e;
}

export function getSyncStatus(email: string): SyncStatus {
  return { ...entry(accountKey(email)).status };
}

/**
 * Starts a sync in the background and returns its status at once. One sync per account at a time,
 * whoever asks: a call while one runs returns the running one's status.
 */
export function startSync(creds: Pop3Credentials, reason: "sign-in" | "manual" | "schedule", opts: SyncOptions = {}): SyncStatus {
  const account = accountKey(creds.user);
  const e = entry(account);
  if (e.running || shutdown.stopping) return { ...e.status };
  const abort = (e.abort = new AbortController());
  e.status = { state: "running", done: 0, total: 0, bytes: 0, startedAt: new Date().toISOString(), finishedAt: null, error: null };
  const status = e.status;
  // Resolves to whether what this run stored is to be indexed (not when shutdown stopped it).
  const download = syncPop3Account(creds, { ...opts, signal: abort.signal, onProgress: (p) => Object.assign(status, p) })
    .then((res) => {
      Object.assign(status, { state: "idle", finishedAt: new Date().toISOString() });
      logger.info("pop3 sync done", { account, reason, fetched: res.fetched, skipped: res.skipped, deleted: res.deleted, bytes: res.bytes });
      return true;
    })
    .catch((err: unknown) => {
      const error = isMailroomError(err) ? { code: err.code, message: err.message } : { code: "INTERNAL", message: "The sync failed on our side. Mail already downloaded is safe." };
      if (!isMailroomError(err)) logger.error("pop3 sync crashed", { account, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      else logger.warn("pop3 sync failed", { account, reason, code: err.code });
      Object.assign(status, { state: "error", finishedAt: new Date().toISOString(), error });
      // The server refused the password mid-life (changed there): every session holding it ends, and the
      // schedule stops retrying a wrong password until a session with a good one makes a request.
      if (isMailroomError(err) && err.code === "AUTH_FAILED") {
        if (e.creds?.password === creds.password) stopSyncing(account);
        void endSessionsWithPassword(creds).catch((cause: unknown) => logger.error("could not end sessions after a refused password", { account, error: String(cause) }));
      }
      // Shutting down: the next start indexes what is pending. Otherwise what the failed run did store
      // still gets its attachments and search text.
      return !abort.signal.aborted;
    });
  e.running = download
    .then(() => undefined)
    .finally(() => {
      e.running = null;
      e.abort = null;
    });
  e.indexing = Promise.all([e.indexing, download]).then(([, wanted]) => (wanted ? index(opts.cache ?? openCache(), account) : undefined));
  return { ...status };
}

/** Attachments and body text of the rows the sync listed from their headers (and any a killed run left). */
async function index(cache: Cache, account: string): Promise<void> {
  try {
    const n = await indexPending(cache, account);
    if (n) logger.info("pop3 index done", { account, indexed: n });
  } catch (err) {
    logger.warn("pop3 index failed", { account, error: err instanceof Error ? err.message : String(err) });
  }
}

/** Waits for the account's running sync, if any, and the indexing of what it stored (tests). */
export async function waitForSync(email: string): Promise<SyncStatus> {
  const e = entry(accountKey(email));
  await e.running;
  await e.indexing;
  return { ...e.status };
}

function arm(account: string, e: AccountSync, intervalMs: number): void {
  if (e.timer) clearInterval(e.timer);
  e.intervalMs = intervalMs;
  e.timer = setInterval(() => {
    if (Date.now() - e.lastRequestAt > ACTIVE_MS || !e.creds) {
      stopSyncing(account);
      return;
    }
    startSync(e.creds, "schedule");
  }, intervalMs);
  e.timer.unref();
}

/**
 * Called on every request of a POP3 session: remembers the password in memory and keeps a timer that
 * syncs every intervalSeconds while the account is in use.
 */
export function keepSyncing(creds: Pop3Credentials): void {
  const account = accountKey(creds.user);
  const e = entry(account);
  e.creds = creds; // a changed password replaces the old one here
  e.lastRequestAt = Date.now();
  if (e.timer) return;
  arm(account, e, 60_000);
  getSettings(account)
    .then((s) => {
      if (e.timer && e.intervalMs !== s.intervalSeconds * 1000) arm(account, e, s.intervalSeconds * 1000);
    })
    .catch(() => {});
}

/** Applies a changed interval to a running schedule. */
export function rescheduleSync(email: string, intervalSeconds: number): void {
  const account = accountKey(email);
  const e = accounts.get(account);
  if (e?.timer && e.intervalMs !== intervalSeconds * 1000) arm(account, e, intervalSeconds * 1000);
}

/** Stops the schedule and forgets the password (the account's last session signed out). */
export function stopSyncing(email: string): void {
  const e = accounts.get(accountKey(email));
  if (!e) return;
  if (e.timer) clearInterval(e.timer);
  e.timer = null;
  e.creds = null;
}

/**
 * Shutdown: no new syncs; each running one stops before its next message, commits what it has
 * downloaded and releases the account's lock (so the next start can sync at once). Resolves when all have.
 */
export async function stopAllSyncs(): Promise<void> {
  shutdown.stopping = true;
  const running = [...accounts.values()].map((e) => {
    if (e.timer) clearInterval(e.timer);
    e.timer = null;
    e.abort?.abort();
    return Promise.all([e.running, e.indexing]);
  });
  await Promise.all(running);
}
