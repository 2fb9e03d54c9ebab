import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { MailroomError } from "@/lib/errors";
import type { CacheStore, LockHolder } from "@/lib/cache/cache-store";
import type { LeaseLocks } from "@/lib/shared-state/backend";
import { sharedState } from "@/lib/shared-state/state";

// A live holder renews every HEARTBEAT_MS; a holder silent for TTL_MS is taken over even when its
// pid looks alive (another machine on a shared data dir, or a reused pid).
export const LOCK_TTL_MS = 30_000;
const HEARTBEAT_MS = 10_000;
const POLL_MS = 200;

export interface SyncLock {
  /** Set when a renewal found the lock taken over (we stalled past the TTL): stop before any DELE. */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Where the lock lives; default: the shared-state backend's (Redis with REDIS_URL), else the cache database. */
  locks?: LeaseLocks | null;
  /** How long to wait for a running sync of another process to finish; 0 (default) fails at once. */
  waitMs?: number;
  now?: () => number;
  /** Whether a pid on this host is alive (tests inject one). */
  isAlive?: (pid: number) => boolean;
  ttlMs?: number;
  heartbeatMs?: number;
}

/** Signal 0 checks existence only; EPERM means it exists under another user. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const syncLockName = (account: string) => `pop3-sync:${account}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alreadyRunning = () =>
  new MailroomError("SYNC_ALREADY_RUNNING", "This account is already being synced (by another Mailroom process). New mail appears when that sync finishes.");

/**
 * The account's POP3 sync lock, shared by every process on this cache (app server, CLI worker): one
 * sync per account at a time. A holder that was SIGKILLed on this machine is taken over at once (its
 * pid is gone); one elsewhere, or a stalled one, after LOCK_TTL_MS without a heartbeat. Throws
 * SYNC_ALREADY_RUNNING when another live process holds it past `waitMs`.
 */
export async function acquireSyncLock(store: CacheStore, account: string, opts: LockOptions = {}): Promise<SyncLock> {
  const now = opts.now ?? Date.now;
  const ttl = opts.ttlMs ?? LOCK_TTL_MS;
  const isAlive = opts.isAlive ?? pidAlive;
  const host = os.hostname();
  const name = syncLockName(account);
  const owner = `${host}:${process.pid}:${randomBytes(8).toString("hex")}`;
  const isGone = (h: LockHolder) => h.host === host && !isAlive(h.pid);
  const locks = opts.locks !== undefined ? opts.locks : sharedState().leaseLocks();
  if (locks) {
    // Across instances (Redis): same TTL and heartbeat; a holder on this host whose pid is gone is
    // cleared at once, as below; one elsewhere after the TTL.
    const lease = await locks.take(name, {
      ttlMs: ttl,
      waitMs: opts.waitMs ?? 0,
      heartbeatMs: opts.heartbeatMs ?? HEARTBEAT_MS,
      token: owner,
      isStale: (holder) => {
        const [h, pid] = holder.split(":");
        return isGone({ owner: holder, host: h, pid: Number(pid), expiresAt: 0 });
      },
    });
    if (!lease) throw alreadyRunning();
    return lease;
  }
  const deadline = now() + (opts.waitMs ?? 0);
  for (;;) {
    const holder = await store.takeLock(name, { owner, pid: process.pid, host, expiresAt: now() + ttl }, now(), isGone);
    if (holder.owner === owner) break;
    if (now() >= deadline) throw alreadyRunning();
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - now())));
  }
  let lost = false;
  const timer = setInterval(() => {
    store.renewLock(name, owner, now() + ttl).then((held) => {
      if (!held) lost = true;
    }, () => {}); // a busy database this once: the next beat tries again well inside the TTL
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(timer);
      await store.releaseLock(name, owner);
    },
  };
}
