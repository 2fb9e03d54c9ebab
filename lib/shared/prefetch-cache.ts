/**
 * Messages fetched before they are opened (issue 13 point 4): a neighbour of the open message, a row
 * the pointer rests on, a row that got focus. Everything here is bounded, because a prefetch is a guess:
 * at most `maxInFlight` requests at once (later guesses wait in a short queue, newest first, and the
 * oldest waiting guess is dropped), at most `maxEntries` answers and `maxBytes` kept (least recently used
 * goes first), nothing for a message over `maxMessageSize`, and an answer is used for `ttlMs` only.
 * The loader must be a plain GET: a prefetch never marks anything read (the reading pane's POST does,
 * on a real open).
 */
export interface PrefetchLimits {
  maxInFlight: number;
  maxQueued: number;
  maxEntries: number;
  maxBytes: number;
  /** Bytes of the message itself (RFC822.SIZE, the row's `size`): bigger ones load only when opened. */
  maxMessageSize: number;
  ttlMs: number;
}

export const PREFETCH_LIMITS: PrefetchLimits = {
  maxInFlight: 2,
  maxQueued: 4,
  maxEntries: 16,
  maxBytes: 4 * 1024 * 1024,
  maxMessageSize: 512 * 1024,
  // Flags can change under a kept answer; the open takes the row's flags anyway (use-message.ts).
  ttlMs: 60_000,
};

/** Sent with a guess's GET ("1"): the server runs it behind real work (app/api/messages/[uid]/route.ts). */
export const PREFETCH_HEADER = "x-mailroom-prefetch";

/** `urgent`: a real open, or a button pressed on the row (an open on its way): not a background guess. */
export type PrefetchLoader<T> = (key: string, signal: AbortSignal, urgent: boolean) => Promise<{ value: T; bytes: number }>;

interface Entry<T> {
  value: T;
  bytes: number;
  at: number;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Claimed by an open: the answer goes to the reading pane, not into the cache. */
  claimed: boolean;
}

export type Claim<T> = { value: T } | { pending: Promise<T> } | null;

export class PrefetchCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly flights = new Map<string, Flight<T>>();
  private queue: string[] = [];
  private bytes = 0;

  constructor(
    private readonly load: PrefetchLoader<T>,
    private readonly limits: PrefetchLimits = PREFETCH_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts (or queues) a fetch of `key` unless it is kept, under way, or the message is too big. Returns whether it will be fetched. */
  prefetch(key: string, messageSize: number, urgent = false): boolean {
    if (!(messageSize >= 0) || messageSize > this.limits.maxMessageSize) return false;
    if (this.fresh(key) || this.flights.has(key)) return false;
    // Urgent (a button pressed on the row) may go one over the in-flight limit, never more.
    if (this.flights.size < this.limits.maxInFlight + (urgent ? 1 : 0)) {
      this.queue = this.queue.filter((k) => k !== key);
      this.start(key, urgent);
      return true;
    }
    this.queue = [key, ...this.queue.filter((k) => k !== key)].slice(0, this.limits.maxQueued);
    return true;
  }

  /**
   * A real open starting (issue 13): fetch now, ahead of any queued guess and past the in-flight and
   * size limits (the person asked for this one), unless it is kept or under way. The opener then joins
   * it with `claim`. Returns whether a request started.
   */
  open(key: string): boolean {
    if (this.fresh(key) || this.flights.has(key)) return false;
    this.queue = this.queue.filter((k) => k !== key);
    this.start(key, true);
    return true;
  }

  /** The kept answer, without taking it: for a render, which must not change the cache (claim does, later). */
  peek(key: string): T | null {
    const e = this.entries.get(key);
    return e && this.now() - e.at <= this.limits.ttlMs ? e.value : null;
  }

  /**
   * For a real open: the kept answer (removed from the cache: once opened it is no longer a guess), or
   * the prefetch under way to join, or null (fetch it yourself).
   */
  claim(key: string): Claim<T> {
    const hit = this.fresh(key);
    if (hit) {
      this.drop(key);
      return { value: hit.value };
    }
    this.queue = this.queue.filter((k) => k !== key);
    const flight = this.flights.get(key);
    if (!flight) return null;
    flight.claimed = true;
    return { pending: flight.promise };
  }

  /**
   * The request under way for `key`, to wait for without taking it: an unclaimed answer is still kept,
   * for whoever claims it later. Null when nothing is under way.
   */
  pending(key: string): Promise<T> | null {
    return this.flights.get(key)?.promise ?? null;
  }

  /** Forgets a kept answer (the message changed or went away). */
  forget(key: string): void {
    this.drop(key);
    this.queue = this.queue.filter((k) => k !== key);
  }

  /** Drops everything, aborting what is under way unless an open is waiting for it. */
  clear(): void {
    for (const [key, f] of this.flights) {
      if (!f.claimed) {
        f.controller.abort();
        this.flights.delete(key);
      }
    }
    this.queue = [];
    this.entries.clear();
    this.bytes = 0;
  }

  stats(): { entries: number; bytes: number; inFlight: number; queued: number } {
    return { entries: this.entries.size, bytes: this.bytes, inFlight: this.flights.size, queued: this.queue.length };
  }

  has(key: string): boolean {
    return this.fresh(key) !== null;
  }

  private fresh(key: string): Entry<T> | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (this.now() - e.at > this.limits.ttlMs) {
      this.drop(key);
      return null;
    }
    return e;
  }

  private start(key: string, urgent = false): void {
    const controller = new AbortController();
    const flight: Flight<T> = {
      controller,
      claimed: false,
      promise: this.load(key, controller.signal, urgent).then(({ value, bytes }) => {
        if (!flight.claimed && !controller.signal.aborted) this.keep(key, value, bytes);
        return value;
      }),
    };
    // A failed guess costs nothing: the open fetches again and shows the error itself.
    flight.promise
      .catch(() => {})
      .finally(() => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        this.next();
      });
    this.flights.set(key, flight);
  }

  private next(): void {
    while (this.flights.size < this.limits.maxInFlight && this.queue.length > 0) {
      const key = this.queue.shift()!;
      if (!this.fresh(key) && !this.flights.has(key)) this.start(key);
    }
  }

  private keep(key: string, value: T, bytes: number): void {
    if (bytes > this.limits.maxBytes) return;
    this.drop(key);
    this.entries.set(key, { value, bytes, at: this.now() });
    this.bytes += bytes;
    for (const [k] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.drop(k);
    }
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}
