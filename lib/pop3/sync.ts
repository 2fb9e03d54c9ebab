import "server-only";
import { createHash } from "node:crypto";
import { MailroomError } from "@/lib/errors";
import { env } from "@/lib/env";
import type { LedgerRow } from "@/lib/cache/cache-store";
import { openCache, type Cache } from "@/lib/cache/open-cache";
import type { Pop3Settings } from "@/lib/shared/types";
import { connectPop3, type Pop3Client, type Pop3Credentials, type Pop3Server } from "@/lib/pop3/pop3-client";
import { mapPop3Error } from "@/lib/pop3/map-error";
import { RetrAhead } from "@/lib/pop3/pop3-pipeline";
import { describeStored, receiveTemp, type IngestedTemp } from "@/lib/pop3/ingest";
import { accountKey, loadSettings } from "@/lib/pop3/settings";
import { acquireSyncLock, type SyncLock } from "@/lib/pop3/sync-lock";
import { planWithinQuota } from "@/lib/pop3/sync-quota";
import { quotaExceeded, storageRoom } from "@/lib/mail/storage-quota";

export interface SyncProgress {
  done: number;
  total: number;
  bytes: number;
}

export interface SyncOptions {
  /** Another POP3 endpoint than the configured one (tests put a fault-injecting proxy here). */
  server?: Pop3Server;
  /** Behave as with a server without UIDL: download everything, dedup by content hash. */
  ignoreUidl?: boolean;
  /** Clock for "keep-days" (tests inject one). */
  now?: () => number;
  cache?: Cache;
  /** Wait this long for another process's sync of the account to finish (default: fail at once). */
  lockWaitMs?: number;
  /** Instead of the account's stored settings. */
  settings?: Pop3Settings;
  onProgress?: (p: SyncProgress) => void;
  /** Stops the sync between messages (server shutdown): what is downloaded is committed, the lock released. */
  signal?: AbortSignal;
  /** A server silent this long fails the sync (default POP3_IDLE_TIMEOUT_S). */
  idleTimeoutMs?: number;
  /** The whole sync's limit (default POP3_SYNC_DEADLINE_S). */
  deadlineMs?: number;
  /** The account's storage quota instead of ACCOUNT_STORAGE_MAX_MB (tests). */
  storageLimitBytes?: number;
}

export interface SyncResult {
  /** Messages on the server when the session began. */
  onServer: number;
  fetched: number;
  /** Already in the cache (by UIDL or content hash). */
  skipped: number;
  /** Marked for deletion on the server (applied at QUIT). */
  deleted: number;
  bytes: number;
}

interface Entry {
  n: number;
  /** UIDL, or null for a server without UIDL. */
  uidl: string | null;
}

const DAY_MS = 86_400_000;
// Messages per group commit: one WAL fsync (and overlapping blob fsyncs) per batch instead of per message.
const BATCH = 64;
const BATCH_BYTES = 32 * 1024 * 1024;
// RETRs in flight ahead of the one being stored, when the server allows pipelining.
const RETR_AHEAD = 16;

/** Whether the message behind a ledger row may now be deleted from the server. */
export function shouldDeleteOnServer(row: Pick<LedgerRow, "downloadedAt" | "localDeletedAt">, settings: Pop3Settings, now: number): boolean {
  switch (settings.policy) {
    case "delete":
      return true;
    case "keep":
      return false;
    case "keep-days":
      return now - row.downloadedAt >= settings.keepDays * DAY_MS;
    case "delete-when-deleted":
      return row.localDeletedAt !== null;
  }
}

/** RFC 1939: one "n uid" line per message, uid 1–70 printable characters, unique in the maildrop. */
export function parseUidl(lines: string[][]): Entry[] {
  const seen = new Set<string>();
  return lines.map((fields) => {
    const n = Number(fields[0]);
    const uidl = fields[1];
    if (!Number.isInteger(n) || n < 1 || !uidl || !/^[\x21-\x7e]{1,70}$/.test(uidl)) {
      throw new MailroomError("POP3_PROTOCOL_ERROR", "The mail server listed a message without a valid unique id (UIDL). Nothing was downloaded; the cache is unchanged.");
    }
    if (seen.has(uidl)) {
      throw new MailroomError("POP3_PROTOCOL_ERROR", "The mail server gave two messages the same unique id (UIDL). Nothing was downloaded; the cache is unchanged.");
    }
    seen.add(uidl);
    return { n, uidl };
  });
}

async function listEntries(client: Pop3Client, ignoreUidl: boolean): Promise<Entry[]> {
  if (!ignoreUidl) {
    try {
      return parseUidl(await client.uidl());
    } catch (err) {
      // A server without UIDL answers -ERR; fall back to content hashes. Anything else is fatal.
      const e = err as { eventName?: string; command?: string; code?: string };
      if (!(e.eventName === "error" && e.command === "UIDL" && !e.code)) throw err;
    }
  }
  return (await client.list()).map((f) => ({ n: Number(f[0]), uidl: null }));
}

/**
 * One full sync of a POP3 account into the cache. Per message: RETR read (hashed, header block kept)
 * and written to a temp file in the background (big ones streamed). Per batch of up to BATCH: fsync →
 * content-addressed rename → header parse → one transaction (rows with their ledger rows) → one durable
 * commit, and only then the batch's DELEs when the policy says so; a batch commits while the next one
 * downloads. QUIT at the end applies the DELEs.
 * Attachments and body text for search are parsed later
 * (indexPending), off the download path. Killed at any point, the next run skips
 * what the ledger has (and deletes it then if the policy says so), so each message lands exactly once.
 */
export async function syncPop3Account(creds: Pop3Credentials, opts: SyncOptions = {}): Promise<SyncResult> {
  const cache = opts.cache ?? openCache();
  const account = accountKey(creds.user);
  await cache.store.ensureAccount(account);
  const settings = opts.settings ?? (await loadSettings(cache, account));
  // One sync per account across processes; it also makes cleaning the scope's temp files safe.
  const lock = await acquireSyncLock(cache.store, account, { waitMs: opts.lockWaitMs });
  try {
    return await syncLocked(creds, cache, account, settings, lock, opts);
  } finally {
    await lock.release().catch(() => {}); // a release that fails leaves a row the next holder takes over
  }
}

async function syncLocked(creds: Pop3Credentials, cache: Cache, account: string, settings: Pop3Settings, lock: SyncLock, opts: SyncOptions): Promise<SyncResult> {
  const now = opts.now ?? Date.now;
  const scope = `sync-${createHash("sha256").update(account).digest("hex").slice(0, 16)}`;
  await cache.blobs.cleanTemp(scope); // a run killed mid-RETR left its partial file here

  const deadlineMs = opts.deadlineMs ?? env().POP3_SYNC_DEADLINE_S * 1000;
  const client = await connectPop3(creds, opts.server, { idleMs: opts.idleTimeoutMs });
  // However the server behaves (a trickle of bytes resets the idle timer), a sync ends: the socket is
  // cut, the loop fails, what was downloaded is kept (salvage) and the lock goes in syncPop3Account.
  const deadline = setTimeout(() => client.abort(new MailroomError("TIMEOUT", `The sync took longer than its limit of ${Math.round(deadlineMs / 1000)} s and was stopped. Mail already downloaded is safe; the next sync goes on from there.`)), deadlineMs);
  deadline.unref();
  const result: SyncResult = { onServer: 0, fetched: 0, skipped: 0, deleted: 0, bytes: 0 };
  // Set once the loop runs: keeps what was downloaded before a failure (no DELE), as one commit per message did.
  let salvage: () => Promise<void> = async () => {};
  try {
    const listedEntries = await listEntries(client, opts.ignoreUidl ?? false);
    const ledger = await cache.store.ledger(account);
    result.onServer = listedEntries.length;
    // ACCOUNT_STORAGE_MAX_MB: new messages past the account's room stay on the server (not fetched, so never DELE'd).
    const isNew = (e: Entry) => e.uidl === null || !ledger.has(e.uidl);
    const quota = await planWithinQuota(client, listedEntries.filter(isNew).map((e) => e.n), await storageRoom(creds.user, { cache, limitBytes: opts.storageLimitBytes }));
    const entries = listedEntries.filter((e) => !isNew(e) || quota.take.has(e.n));
    const progress: SyncProgress = { done: 0, total: entries.filter(isNew).length, bytes: 0 };
    opts.onProgress?.({ ...progress });
    const listed = new Set<string>();
    // Exactly the entries the loop below downloads, in its order: UIDLs are unique, so the ledger
    // only gains keys of entries already passed.
    const { pipe, depth } = await client.pipeline(RETR_AHEAD);
    const retr = new RetrAhead(pipe, entries.filter(isNew).map((e) => e.n), depth);

    // Group commit: up to BATCH downloaded messages are fsynced and renamed together, then inserted in
    // one transaction (committed, not yet fsynced), then one durable commit covers them all — and only then go out the
    // DELEs the policy asks for, including those of rows committed by earlier (maybe killed) runs.
    // A batch commits in the background while the next one downloads (at most one commit at a time).
    // `ns`: the message numbers with these bytes (more than one only without UIDL).
    type Batch = Map<string, { tmp: Promise<IngestedTemp>; ns: number[] }>;
    let batch: Batch = new Map();
    let batchBytes = 0;
    let committing: Promise<void> = Promise.resolve();
    let inFlight: Batch = new Map();
    const pending: number[] = [];
    const storeBatch = async (b: Batch) => {
      if (!b.size) return;
      const entries = [...b];
      const tmps = await Promise.all(entries.map(([, e]) => e.tmp));
      const items = entries.map(([key, e], i) => [key, { tmp: tmps[i]!, ns: e.ns }] as const);
      await cache.blobs.commitTemps(tmps);
      const rows = await Promise.all(items.map(([key, { tmp }]) => describeStored(cache, tmp, { account, folderPath: "INBOX", ledger: { key, downloadedAt: now() }, headersOnly: true })));
      const stored = await cache.store.insertMessages(rows, (sha) => cache.blobs.exists(sha), { durable: false });
      items.forEach(([key, { tmp, ns }], i) => {
        const row: LedgerRow = { key, sha256: tmp.sha256, downloadedAt: rows[i]!.ledger!.downloadedAt, messageUid: stored[i]!.uid, localDeletedAt: null };
        ledger.set(key, row);
        if (!stored[i]!.duplicate) result.fetched++;
        progress.done++;
        if (shouldDeleteOnServer(row, settings, now())) pending.push(...ns);
      });
      opts.onProgress?.({ ...progress });
    };
    const deleteCommitted = async () => {
      if (!pending.length) return;
      // Stalled past the lock's expiry and taken over: leave the DELEs to the sync that holds it now.
      if (lock.lost) throw new MailroomError("SYNC_ALREADY_RUNNING", "Another sync of this account took over. Mail already downloaded is safe.");
      // Only what is pending now: a row the loop adds meanwhile waits for the next durable commit.
      const ns = pending.splice(0);
      await cache.store.flushDurable(account);
      for (const n of ns) {
        retr.dele(n); // behind the RETRs already in flight; its reply is checked before QUIT
        result.deleted++;
      }
    };
    /** Waits for the commit before, then starts this batch's; its failure surfaces at the next wait. */
    const commitBatch = async () => {
      await committing;
      const b = batch;
      batch = new Map();
      batchBytes = 0;
      inFlight = b;
      committing = storeBatch(b).then(deleteCommitted);
      committing.catch(() => {});
    };

    salvage = async () => {
      await committing.catch(() => {});
      await storeBatch(batch);
      await cache.store.flushDurable(account);
    };

    for (const entry of entries) {
      if (opts.signal?.aborted) throw new MailroomError("SHUTTING_DOWN", "Mailroom is restarting; the sync stopped. Mail already downloaded is safe.");
      let row = entry.uidl !== null ? ledger.get(entry.uidl) : undefined;
      if (entry.uidl !== null) listed.add(entry.uidl);
      if (!row) {
        const got = await receiveTemp(cache, await retr.next(entry.n), scope, (b) => {
          result.bytes += b;
          progress.bytes += b;
        });
        const key = entry.uidl ?? `sha256:${got.sha256}`;
        listed.add(key);
        if (inFlight.has(key)) await committing; // same bytes (no UIDL) as a message being committed: its ledger row decides
        row = ledger.get(key);
        const same = batch.get(key);
        if (!row && !same) {
          batch.set(key, { tmp: got.tmp, ns: [entry.n] });
          batchBytes += got.size;
          if (batch.size >= BATCH || batchBytes >= BATCH_BYTES) await commitBatch();
          continue;
        }
        const tmp = await got.tmp;
        await cache.blobs.discardTemp(tmp); // no UIDL: the same content is already here
        progress.done++;
        opts.onProgress?.({ ...progress });
        if (same) {
          same.ns.push(entry.n); // deleted (if at all) with the copy that is being stored
          continue;
        }
      } else {
        result.skipped++;
      }
      // Committed here or in an earlier (maybe killed) run: the DELE waits for the next durable commit.
      if (row && shouldDeleteOnServer(row, settings, now())) {
        pending.push(entry.n);
        if (pending.length >= BATCH) await commitBatch();
      }
    }
    await commitBatch();
    await committing;
    await retr.drain();

    // Ledger rows of messages gone from the server and deleted here have nothing left to guard.
    // Each mode prunes only its own kind of key: a UIDL run says nothing about hash-keyed rows and back.
    const hashMode = (opts.ignoreUidl ?? false) || entries.some((e) => e.uidl === null);
    const gone = quota.left ? [] : [...ledger.values()].filter((r) => !listed.has(r.key) && r.messageUid === null && r.key.startsWith("sha256:") === hashMode);
    if (gone.length) await cache.store.forgetLedger(account, gone.map((r) => r.key));
    await cache.store.flushDurable(account); // under "keep" nothing above forced one: the cache is durable at the end all the same
    await client.quit();
    if (quota.left) {
      const what = `${result.fetched} new message${result.fetched === 1 ? " was" : "s were"} downloaded; ${quota.left} more stay${quota.left === 1 ? "s" : ""} on the mail server until there is room.`;
      throw quotaExceeded(what, opts.storageLimitBytes);
    }
    return result;
  } catch (err) {
    client.destroy(); // no QUIT: DELEs of this session are not applied; the next run redoes them
    await salvage().catch(() => {}); // a failed commit leaves temp files for the next run's cleanTemp
    throw client.failure ?? mapPop3Error(err, { phase: "session" });
  } finally {
    clearTimeout(deadline);
  }
}
