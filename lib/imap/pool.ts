import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { AccountPool, type PoolStats } from "@/lib/imap/account-pool";
import { connectImap, type MailCredentials } from "@/lib/imap/connect";

export { AccountPool, type PoolStats } from "@/lib/imap/account-pool";

/*
 * The registry of account pools (see account-pool.ts): one per account and password, bounded by
 * IMAP_POOL_MAX_ACCOUNTS, idle connections reaped.
 */

interface PoolRegistry {
  pools: Map<string, AccountPool>;
  reaper: NodeJS.Timeout | null;
}

// On globalThis so that dev hot-reload does not leak connections.
const registry: PoolRegistry = ((globalThis as Record<string, unknown>).__mailroomImapPools ??= {
  pools: new Map(),
  reaper: null,
}) as PoolRegistry;

/**
 * One pool per account and password: a session holding an old password never borrows a newer login.
 * The password part is an HMAC under the app secret — a bare hash of a password is a guessable
 * fingerprint of it — and the key never goes to a log (use pool.user there).
 */
export function accountKey(creds: MailCredentials, secret: string = env().NEXTAUTH_SECRET): string {
  const user = creds.user.toLowerCase();
  const mac = createHmac("sha256", secret).update(`mailroom imap pool\0${user}\0${creds.password}`).digest("base64url").slice(0, 22);
  return `${user}#${mac}`;
}

export function poolFor(creds: MailCredentials): AccountPool {
  const key = accountKey(creds);
  let pool = registry.pools.get(key);
  if (pool) {
    registry.pools.delete(key); // most recently used last: eviction takes the front
    registry.pools.set(key, pool);
    return pool;
  }
  const e = env();
  makeRoom(e.IMAP_POOL_MAX_ACCOUNTS);
  pool = new AccountPool(key, creds, e.IMAP_POOL_SIZE, connectImap, { acquireTimeoutMs: e.IMAP_ACQUIRE_TIMEOUT_S * 1000 });
  registry.pools.set(key, pool);
  startReaper();
  return pool;
}

/** Keeps the number of account pools under the bound: the least recently used idle one goes; busy ones never. */
function makeRoom(max: number): void {
  if (registry.pools.size < max) return;
  for (const [key, pool] of registry.pools) {
    if (pool.inUse) continue;
    registry.pools.delete(key);
    void pool.close();
    if (registry.pools.size < max) return;
  }
  throw new MailroomError("MAIL_SERVER_UNAVAILABLE", "Too many mail accounts are busy on this server right now. Try again in a minute.");
}

/** The account's pool if one is open with live connections for exactly these credentials. */
export function livePoolFor(creds: MailCredentials): AccountPool | null {
  const pool = registry.pools.get(accountKey(creds));
  return pool && pool.stats().open > 0 ? pool : null;
}

/** Called when a session signs out: the account's connections close with its last session. */
export async function endSession(creds: MailCredentials, sessionId: string): Promise<void> {
  const key = accountKey(creds);
  const pool = registry.pools.get(key);
  if (!pool) return;
  pool.sessions.delete(sessionId);
  if (pool.sessions.size === 0) {
    registry.pools.delete(key);
    await pool.close();
  }
}

/** Shutdown: every account's connections are logged out. */
export async function closeAllPools(): Promise<void> {
  const pools = [...registry.pools.values()];
  registry.pools.clear();
  await Promise.all(pools.map((p) => p.close()));
}

export function poolStats(): Record<string, PoolStats> {
  return Object.fromEntries([...registry.pools.values()].map((p) => [p.user, p.stats()]));
}

function startReaper(): void {
  if (registry.reaper) return;
  registry.reaper = setInterval(() => {
    const idleMs = env().IMAP_IDLE_TIMEOUT_S * 1000;
    for (const [key, pool] of registry.pools) {
      pool.reap(idleMs);
      if (pool.isEmpty && pool.sessions.size === 0) registry.pools.delete(key);
    }
  }, 15_000);
  registry.reaper.unref();
}
