import "server-only";
import { randomBytes } from "node:crypto";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { Lease, LeaseLocks, Mutex } from "@/lib/shared-state/backend";
import type { RedisConnection } from "@/lib/shared-state/redis/connection";

// Token-checked: only the holder's own token releases or renews, never a lock that expired and was
// taken by someone else meanwhile.
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";

export interface RedisLockOptions {
  /** A holder that stops renewing (killed, frozen) frees the lock after this long. */
  ttlMs?: number;
  /** How long mutex.run waits for the lock before failing with MAILBOX_BUSY. */
  waitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Locks in Redis: SET key token NX PX ttl to take, a Lua compare-and-delete to release, renewed by the
 * holder every ttl/3 while its work runs. Serves the move/delete guard (as a Mutex) and the POP3 sync
 * lock (as LeaseLocks).
 */
export class RedisLocks implements Mutex, LeaseLocks {
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly conn: RedisConnection,
    opts: RedisLockOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.waitMs = opts.waitMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 50;
  }

  private key(name: string): string {
    return this.conn.key("lock", name);
  }

  /** One attempt; true when we hold it now. */
  async tryTake(name: string, token: string, ttlMs: number): Promise<boolean> {
    const r = await this.conn.run((c) => c.set(this.key(name), token, { condition: "NX", expiration: { type: "PX", value: ttlMs } }));
    return r === "OK";
  }

  /** The current holder's token, or null. */
  holder(name: string): Promise<string | null> {
    return this.conn.run((c) => c.get(this.key(name)));
  }

  /** Releases `name` if `token` holds it (also used to clear a holder known to be dead). */
  async releaseIf(name: string, token: string): Promise<boolean> {
    const n = await this.conn.run((c) => c.eval(RELEASE, { keys: [this.key(name)], arguments: [token] }));
    return n === 1;
  }

  async renew(name: string, token: string, ttlMs: number): Promise<boolean> {
    const n = await this.conn.run((c) => c.eval(RENEW, { keys: [this.key(name)], arguments: [token, String(ttlMs)] }));
    return n === 1;
  }

  /** Polls until taken or the deadline passes; the token, or null. */
  async acquire(name: string, opts: { ttlMs: number; waitMs: number; token?: string; isStale?: (holder: string) => boolean }): Promise<string | null> {
    const token = opts.token ?? randomBytes(12).toString("base64url");
    const deadline = Date.now() + opts.waitMs;
    for (;;) {
      if (await this.tryTake(name, token, opts.ttlMs)) return token;
      if (opts.isStale) {
        const holder = await this.holder(name);
        if (holder !== null && opts.isStale(holder) && (await this.releaseIf(name, holder))) continue;
      }
      if (Date.now() >= deadline) return null;
      // Jitter, so that instances waiting on one lock do not poll in step.
      await sleep(Math.min(this.pollMs * (0.5 + Math.random()), Math.max(1, deadline - Date.now())));
    }
  }

  /** Renews every `everyMs` until stopped; `onLost` when the lock turned out to be someone else's. */
  private keepAlive(name: string, token: string, ttlMs: number, everyMs: number, onLost: () => void): () => void {
    const timer = setInterval(() => {
      this.renew(name, token, ttlMs).then(
        (held) => {
          if (!held) onLost();
        },
        () => {}, // Redis away this once: the next beat tries again well inside the TTL
      );
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const name = `move:${key}`;
    const token = await this.acquire(name, { ttlMs: this.ttlMs, waitMs: this.waitMs });
    if (token === null) throw new MailroomError("MAILBOX_BUSY", "Someone else is moving or deleting messages in this mailbox. Try again in a moment.");
    const stop = this.keepAlive(name, token, this.ttlMs, Math.floor(this.ttlMs / 3), () => logger.warn("move lock lost (the move took longer than its lock)", { key }));
    try {
      return await job();
    } finally {
      stop();
      await this.releaseIf(name, token).catch((err: unknown) => {
        // Not fatal: the lock expires by itself after ttlMs.
        logger.warn("move lock release failed", { error: err instanceof Error ? err.message : String(err) });
      });
    }
  }

  async take(name: string, opts: { ttlMs: number; waitMs: number; heartbeatMs: number; token?: string; isStale?: (holder: string) => boolean }): Promise<Lease | null> {
    const token = await this.acquire(name, opts);
    if (token === null) return null;
    let lost = false;
    const stop = this.keepAlive(name, token, opts.ttlMs, opts.heartbeatMs, () => (lost = true));
    return {
      get lost() {
        return lost;
      },
      release: async () => {
        stop();
        await this.releaseIf(name, token);
      },
    };
  }
}
