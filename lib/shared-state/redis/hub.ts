import "server-only";
import { logger } from "@/lib/logger";
import { Lru } from "@/lib/lru";
import { MemoryHub, type Hub, type Unsubscribe } from "@/lib/realtime/hub";
import type { HubOptions } from "@/lib/shared-state/backend";
import type { RedisConnection } from "@/lib/shared-state/redis/connection";

interface Envelope<E> {
  /** The publishing instance: it delivered the event locally already, so it skips the echo. */
  o: string;
  e: E;
}

/**
 * The Hub over Redis pub/sub. Subscribers are fanned out locally (a MemoryHub), and this instance holds
 * one Redis SUBSCRIBE per topic that has local subscribers, all on its one pub/sub connection. A publish
 * reaches local subscribers at once and goes to Redis for the other instances; our own copy coming back
 * is dropped, so nobody gets an event twice.
 */
export class RedisHub<E> implements Hub<E> {
  private readonly local = new MemoryHub<E>();
  /** topic → the SUBSCRIBE (or UNSUBSCRIBE) under way, so the two never race for one channel. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Fingerprints of events delivered lately (HubOptions.fingerprint), bounded in size and time. */
  private readonly recent = new Lru<string, true>(10_000, 10_000);

  constructor(
    private readonly conn: RedisConnection,
    /** Separates hubs (mailbox events, collaboration) sharing one connection. */
    private readonly name: string,
    private readonly opts: HubOptions<E> = {},
  ) {}

  /** False when the same event (by fingerprint) was delivered here lately; records it otherwise. */
  private fresh(topic: string, event: E): boolean {
    const fp = this.opts.fingerprint?.(event);
    if (!fp) return true;
    const key = `${topic}\0${fp}`;
    if (this.recent.has(key)) return false;
    this.recent.set(key, true);
    return true;
  }

  private channel(topic: string): string {
    return this.conn.key("hub", this.name, topic);
  }

  publish(topic: string, event: E): void {
    if (!this.fresh(topic, event)) return; // another instance reported it first: everyone has it
    this.local.publish(topic, event);
    if (this.opts.localOnly?.(event)) return;
    const message = JSON.stringify({ o: this.conn.instanceId, e: event } satisfies Envelope<E>);
    // Fire and forget, like the in-process hub: the caller (a watcher, a route) must not fail because
    // another instance could not be told. Said in the log; the browsers' catch-up covers the gap.
    this.conn.run((c) => c.publish(this.channel(topic), message)).catch((err: unknown) => {
      logger.warn("redis publish failed", { hub: this.name, error: err instanceof Error ? err.message : String(err) });
    });
  }

  subscribe(topic: string, fn: (event: E) => void): Unsubscribe {
    const first = this.local.subscriberCount(topic) === 0;
    const unsubscribe = this.local.subscribe(topic, fn);
    if (first) this.sync(topic);
    return () => {
      unsubscribe();
      if (this.local.subscriberCount(topic) === 0) this.sync(topic);
    };
  }

  subscriberCount(topic: string): number {
    return this.local.subscriberCount(topic);
  }

  /** Resolves once Redis holds this instance's subscription (or unsubscription) of the topic as it stands now. */
  settled(topic: string): Promise<void> {
    return this.pending.get(topic) ?? Promise.resolve();
  }

  /** Brings the Redis subscription of a topic in line with whether it has local subscribers, after any change under way. */
  private sync(topic: string): void {
    const prev = this.pending.get(topic) ?? Promise.resolve();
    const next = prev.then(async () => {
      const channel = this.channel(topic);
      const want = this.local.subscriberCount(topic) > 0;
      const has = this.subscribed.has(channel);
      // One listener per channel, the same function on every try: a SUBSCRIBE that timed out here but
      // reached Redis, tried again, must not deliver each message twice.
      let listener = this.listeners.get(channel);
      if (!listener) this.listeners.set(channel, (listener = (message: string) => this.deliver(topic, message)));
      if (want && !has) {
        await this.conn.pubsub("subscribe", channel, listener);
        this.subscribed.add(channel);
      } else if (!want && has) {
        this.subscribed.delete(channel);
        await this.conn.pubsub("unsubscribe", channel, listener);
        if (this.local.subscriberCount(topic) === 0) this.listeners.delete(channel);
      } else if (!want) {
        this.listeners.delete(channel);
      }
    });
    const tail = next.catch((err: unknown) => {
      logger.warn("redis subscribe failed", { hub: this.name, error: err instanceof Error ? err.message : String(err) });
      // Redis was away: try again while someone here still listens (node-redis re-subscribes only what it holds).
      setTimeout(() => {
        if (this.local.subscriberCount(topic) > 0 && !this.subscribed.has(this.channel(topic))) this.sync(topic);
      }, 1_000).unref();
    });
    this.pending.set(topic, tail);
    void tail.then(() => {
      if (this.pending.get(topic) === tail) this.pending.delete(topic);
    });
  }

  private readonly subscribed = new Set<string>();
  /** channel → its listener, while this instance wants (or holds) the channel. */
  private readonly listeners = new Map<string, (message: string) => void>();

  private deliver(topic: string, message: string): void {
    let env: Envelope<E>;
    try {
      env = JSON.parse(message) as Envelope<E>;
    } catch {
      return; // not ours
    }
    if (env.o === this.conn.instanceId || !this.fresh(topic, env.e)) return;
    this.local.publish(topic, env.e);
  }
}
