import "server-only";
import { createHash } from "node:crypto";
import type { ImapFlow } from "imapflow";
import { env } from "@/lib/env";
import { connectImap, type MailCredentials } from "@/lib/imap/connect";
import { mapImapError } from "@/lib/imap/map-error";
import { logger } from "@/lib/logger";

/*
 * A small, bounded pool of logged-in IMAP connections per mail account, shared by every session of
 * that account. Servers cap connections per user and IP (Dovecot 10, Gmail 15) and every Mailroom
 * connection comes from one IP, so twenty people in one shared account queue on a few connections
 * instead of each opening their own.
 */

interface Slot {
  client: ImapFlow;
  busy: boolean;
  lastUsed: number;
}

interface Waiter {
  resolve: (slot: Slot) => void;
  reject: (err: unknown) => void;
}

export interface PoolStats {
  open: number;
  busy: number;
  waiting: number;
  sessions: number;
}

export class AccountPool {
  private slots: Slot[] = [];
  private connecting = 0;
  private waiters: Waiter[] = [];
  private closed = false;
  readonly sessions = new Set<string>();

  constructor(
    readonly key: string,
    private readonly creds: MailCredentials,
    private readonly max: number,
    private readonly connect: (creds: MailCredentials) => Promise<ImapFlow> = connectImap,
  ) {}

  /** Runs one job on a pooled connection. Idempotent jobs are retried once on a fresh connection if it dropped. */
  async run<T>(job: (client: ImapFlow) => Promise<T>, opts: { idempotent?: boolean } = {}): Promise<T> {
    const attempts = opts.idempotent === false ? 1 : 2;
    for (let attempt = 1; ; attempt++) {
      const slot = await this.acquire();
      try {
        return await job(slot.client);
      } catch (err) {
        const dropped = !slot.client.usable;
        if (dropped && attempt < attempts) {
          logger.info("imap connection dropped, retrying on a fresh one", { account: this.key });
          continue;
        }
        throw mapImapError(err);
      } finally {
        this.release(slot);
      }
    }
  }

  /** Leases a connection for work that outlives one call (a streamed download). Call release() exactly once. */
  async lease(): Promise<{ client: ImapFlow; release: () => void }> {
    const slot = await this.acquire();
    let released = false;
    return {
      client: slot.client,
      release: () => {
        if (released) return;
        released = true;
        this.release(slot);
      },
    };
  }

  /** Adds an already logged-in connection (the one sign-in opened) so the first request is warm. */
  adopt(client: ImapFlow): void {
    if (this.closed || this.slots.length + this.connecting >= this.max) {
      void client.logout().catch(() => {});
      return;
    }
    const slot: Slot = { client, busy: false, lastUsed: Date.now() };
    this.watch(slot);
    this.slots.push(slot);
  }

  stats(): PoolStats {
    return {
      open: this.slots.length,
      busy: this.slots.filter((s) => s.busy).length,
      waiting: this.waiters.length,
      sessions: this.sessions.size,
    };
  }

  /** Closes connections unused for longer than maxIdleMs. */
  reap(maxIdleMs: number, now = Date.now()): void {
    for (const slot of [...this.slots]) {
      if (!slot.busy && now - slot.lastUsed > maxIdleMs) this.drop(slot, true);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(mapImapError({ code: "NoConnection" }));
    await Promise.all(this.slots.splice(0).map((s) => s.client.logout().catch(() => s.client.close())));
  }

  get isEmpty(): boolean {
    return this.slots.length === 0 && this.connecting === 0 && this.waiters.length === 0;
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw mapImapError({ code: "NoConnection" });
    for (const slot of [...this.slots]) {
      if (slot.busy) continue;
      if (!slot.client.usable) {
        this.drop(slot, false);
        continue;
      }
      slot.busy = true;
      return slot;
    }
    if (this.slots.length + this.connecting < this.max) {
      this.connecting++;
      try {
        const client = await this.connect(this.creds);
        const slot: Slot = { client, busy: true, lastUsed: Date.now() };
        this.watch(slot);
        this.slots.push(slot);
        return slot;
      } finally {
        this.connecting--;
      }
    }
    return new Promise<Slot>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    slot.lastUsed = Date.now();
    if (!this.slots.includes(slot)) {
      this.wakeNext();
      return;
    }
    if (!slot.client.usable) {
      this.drop(slot, false);
      this.wakeNext();
      return;
    }
    const next = this.waiters.shift();
    if (next) {
      next.resolve(slot); // stays busy, handed over
      return;
    }
    slot.busy = false;
  }

  /** A waiter whose slot died gets a fresh connection instead. */
  private wakeNext(): void {
    const next = this.waiters.shift();
    if (next) this.acquire().then(next.resolve, next.reject);
  }

  private watch(slot: Slot): void {
    slot.client.on("close", () => {
      if (!slot.busy) this.drop(slot, false);
    });
  }

  private drop(slot: Slot, logout: boolean): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (logout) void slot.client.logout().catch(() => slot.client.close());
    else slot.client.close();
  }
}

interface PoolRegistry {
  pools: Map<string, AccountPool>;
  reaper: NodeJS.Timeout | null;
}

// On globalThis so that dev hot-reload does not leak connections.
const registry: PoolRegistry = ((globalThis as Record<string, unknown>).__mailroomImapPools ??= {
  pools: new Map(),
  reaper: null,
}) as PoolRegistry;

/** One pool per account and password: a session holding an old password never borrows a newer login. */
export function accountKey(creds: MailCredentials): string {
  const pw = createHash("sha256").update(creds.password).digest("base64url").slice(0, 16);
  return `${creds.user.toLowerCase()}#${pw}`;
}

export function poolFor(creds: MailCredentials): AccountPool {
  const key = accountKey(creds);
  let pool = registry.pools.get(key);
  if (!pool) {
    pool = new AccountPool(key, creds, env().IMAP_POOL_SIZE);
    registry.pools.set(key, pool);
    startReaper();
  }
  return pool;
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

export function poolStats(): Record<string, PoolStats> {
  return Object.fromEntries([...registry.pools].map(([k, p]) => [k.split("#")[0], p.stats()]));
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
