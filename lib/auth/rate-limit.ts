import "server-only";

/*
 * The sign-in throttle. Three counters per attempt, with different powers, so that guessing is slow
 * while nobody can lock another person out:
 *  - (client, address): a growing delay, then a hard refusal. Only the guesser is refused.
 *  - address alone: a growing delay capped at a few seconds, never a refusal — a stranger can make the
 *    owner wait a moment, not keep them out.
 *  - client alone: a growing delay (a client spraying many addresses) and a cap on its attempts in
 *    flight at once.
 * An attempt is counted when it is reserved, before the password is checked, so a thousand parallel
 * guesses do not all see "no failures yet"; it is settled afterwards as a failure, a success (which
 * clears the counters) or void (the mail server was unavailable: nothing was learnt about the password).
 * Every table is bounded: least recently used entries go first, idle ones expire after the window.
 */

export interface CounterPolicy {
  /** Failures (in flight included) that cost nothing. */
  free: number;
  baseMs: number;
  capMs: number;
  /** Refuse outright at this many; Infinity = never. */
  refuseAfter: number;
}

export interface ThrottleOptions {
  pair?: Partial<CounterPolicy>;
  address?: Partial<CounterPolicy>;
  client?: Partial<CounterPolicy>;
  /** Attempts one client may have in flight (delayed or being verified) at once. */
  maxInFlightPerClient?: number;
  windowMs?: number;
  /** Entries kept per table. */
  maxEntries?: number;
  now?: () => number;
}

export type Outcome = "success" | "failure" | "void";

export type Reservation =
  | { ok: true; delayMs: number; settle(outcome: Outcome): void | Promise<void> }
  | { ok: false; reason: "too-many-failures" | "too-many-in-flight" };

/** In-process below; over Redis (async) in lib/shared-state/redis/throttle.ts when REDIS_URL is set. */
export interface SignInThrottle {
  reserve(client: string, address: string): Reservation | Promise<Reservation>;
  /** Entries per table, for tests and diagnostics. */
  sizes(): { pair: number; address: number; client: number };
}

interface Entry {
  failures: number;
  pending: number;
  last: number;
}

/** A Map used as an LRU: re-inserting a key moves it to the end, the front is the oldest. */
export class CounterTable {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly maxEntries: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The live entry for key (expired ones are dropped), moved to the most recent end. */
  touch(key: string): Entry {
    let e = this.entries.get(key);
    if (e) this.entries.delete(key);
    if (e && e.pending === 0 && this.now() - e.last > this.windowMs) e = undefined;
    e ??= { failures: 0, pending: 0, last: this.now() };
    this.entries.set(key, e);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return e;
  }

  peek(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

const DEFAULTS = {
  pair: { free: 3, baseMs: 500, capMs: 8_000, refuseAfter: 10 },
  address: { free: 5, baseMs: 250, capMs: 3_000, refuseAfter: Infinity },
  client: { free: 10, baseMs: 250, capMs: 8_000, refuseAfter: Infinity },
} satisfies Record<string, CounterPolicy>;

export function delayOf(count: number, p: CounterPolicy): number {
  if (count < p.free) return 0;
  return Math.min(p.capMs, p.baseMs * 2 ** (count - p.free));
}

/** The policy with defaults filled in, shared by every implementation. */
export function throttlePolicy(opts: ThrottleOptions) {
  return {
    windowMs: opts.windowMs ?? 15 * 60_000,
    maxInFlight: opts.maxInFlightPerClient ?? 16,
    policy: {
      pair: { ...DEFAULTS.pair, ...opts.pair },
      address: { ...DEFAULTS.address, ...opts.address },
      client: { ...DEFAULTS.client, ...opts.client },
    },
  };
}

/** The in-process throttle answers at once. */
export interface LocalSignInThrottle extends SignInThrottle {
  reserve(client: string, address: string): Reservation;
}

export function createSignInThrottle(opts: ThrottleOptions = {}): LocalSignInThrottle {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 20_000;
  const { windowMs, maxInFlight, policy } = throttlePolicy(opts);
  const tables = {
    pair: new CounterTable(maxEntries, windowMs, now),
    address: new CounterTable(maxEntries, windowMs, now),
    client: new CounterTable(maxEntries, windowMs, now),
  };

  return {
    reserve(client, address) {
      const keys = { pair: `${client}|${address}`, address, client } as const;
      const pair = tables.pair.touch(keys.pair);
      const addr = tables.address.touch(keys.address);
      const cli = tables.client.touch(keys.client);
      if (pair.failures + pair.pending >= policy.pair.refuseAfter) return { ok: false, reason: "too-many-failures" };
      if (cli.pending >= maxInFlight) return { ok: false, reason: "too-many-in-flight" };
      const delayMs = Math.max(
        delayOf(pair.failures + pair.pending, policy.pair),
        delayOf(addr.failures + addr.pending, policy.address),
        delayOf(cli.failures + cli.pending, policy.client),
      );
      const held = [pair, addr, cli];
      for (const e of held) {
        e.pending++;
        e.last = now();
      }
      let settled = false;
      return {
        ok: true,
        delayMs,
        settle(outcome) {
          if (settled) return;
          settled = true;
          // The entries may have been evicted meanwhile; settling a detached entry is harmless.
          for (const e of held) {
            e.pending = Math.max(0, e.pending - 1);
            if (outcome === "failure") e.failures++;
            e.last = now();
          }
          if (outcome === "success") {
            // The owner proved the password: what others did against the address no longer counts.
            for (const [kind, key] of Object.entries(keys) as [keyof typeof tables, string][]) {
              const e = tables[kind].peek(key);
              if (e) e.failures = 0;
            }
          }
        },
      };
    },
    sizes() {
      return { pair: tables.pair.size, address: tables.address.size, client: tables.client.size };
    },
  };
}
