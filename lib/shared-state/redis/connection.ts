import "server-only";
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnectionOptions {
  url: string;
  /** Deadline of every call (connecting included). */
  timeoutMs: number;
  /** Prefix of every key and channel, so that several deployments (or tests) can share one Redis. */
  prefix?: string;
}

const unavailable = (cause?: unknown) =>
  new MailroomError("SHARED_STATE_UNAVAILABLE", "Mailroom can't reach its shared state (Redis) right now. Try again in a minute.", { cause });

/**
 * One instance's two Redis connections: `cmd` for commands, `sub` for pub/sub (a subscribed connection
 * can run nothing else). node-redis reconnects both on its own (and re-subscribes); while it is away,
 * calls fail at once instead of queueing (disableOfflineQueue), and every call has a deadline, so a
 * dead Redis turns into SHARED_STATE_UNAVAILABLE within REDIS_TIMEOUT_MS, never into a hung request.
 */
export class RedisConnection {
  readonly prefix: string;
  /** Tells this instance's own publishes apart from others' (see RedisHub). */
  readonly instanceId = randomBytes(9).toString("base64url");
  readonly timeoutMs: number;
  private readonly cmd: RedisClient;
  private readonly sub: RedisClient;
  private cmdReady: Promise<unknown> | null = null;
  private subReady: Promise<unknown> | null = null;
  private closed = false;

  constructor(opts: RedisConnectionOptions) {
    this.prefix = opts.prefix ?? "mailroom:";
    this.timeoutMs = opts.timeoutMs;
    this.cmd = createClient({
      url: opts.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: opts.timeoutMs,
        // Back off up to 2 s between attempts, forever: Redis coming back must heal the instance.
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000),
      },
    });
    this.sub = this.cmd.duplicate();
    let lastLog = 0;
    for (const [name, c] of [["commands", this.cmd], ["pub/sub", this.sub]] as const) {
      // Without a listener node-redis would throw the socket error at the process.
      c.on("error", (err: Error) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        logger.warn("redis connection error (retrying)", { connection: name, error: err.message });
      });
    }
  }

  key(...parts: string[]): string {
    return this.prefix + parts.join(":");
  }

  /** Runs one call on the command connection, within the deadline. */
  async run<T>(fn: (c: RedisClient) => Promise<T>): Promise<T> {
    if (this.closed) throw unavailable();
    this.cmdReady ??= this.open(this.cmd, () => (this.cmdReady = null));
    return this.within(async () => {
      if (!this.cmd.isReady) await this.cmdReady;
      return fn(this.cmd);
    });
  }

  /** The pub/sub connection, connected. */
  async subscriber(): Promise<RedisClient> {
    if (this.closed) throw unavailable();
    this.subReady ??= this.open(this.sub, () => (this.subReady = null));
    return this.within(async () => {
      if (!this.sub.isReady) await this.subReady;
      return this.sub;
    });
  }

  /**
   * SUBSCRIBE or UNSUBSCRIBE on the pub/sub connection, within the same deadline as every call: a Redis
   * that keeps the socket open but stops answering must not leave the caller waiting for ever.
   */
  async pubsub(op: "subscribe" | "unsubscribe", channel: string, listener: (message: string) => void): Promise<void> {
    const sub = await this.subscriber();
    await this.within(() => (op === "subscribe" ? sub.subscribe(channel, listener) : sub.unsubscribe(channel, listener)));
  }

  /** Connects once; a first connection that failed for good may be tried again by the next call. */
  private open(c: RedisClient, reset: () => void): Promise<unknown> {
    const p = c.connect().catch((err: unknown) => {
      if (!c.isOpen) reset();
      throw err;
    });
    p.catch(() => {});
    return p;
  }

  private async within<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable(new Error(`no answer from Redis within ${this.timeoutMs} ms`))), this.timeoutMs);
      timer.unref();
    });
    const attempt = work();
    attempt.catch(() => {}); // lost the race: its late rejection must not become unhandled
    try {
      return await Promise.race([attempt, deadline]);
    } catch (err) {
      throw err instanceof MailroomError ? err : unavailable(err);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes both connections (shutdown); pending calls fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of [this.cmd, this.sub]) {
      if (!c.isOpen) continue;
      try {
        await Promise.race([c.close(), new Promise((r) => setTimeout(r, this.timeoutMs).unref())]);
      } catch {
        // already gone
      }
      try {
        c.destroy();
      } catch {
        // closed already
      }
    }
  }
}
