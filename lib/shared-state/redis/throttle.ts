import "server-only";
import { logger } from "@/lib/logger";
import { delayOf, throttlePolicy, type Outcome, type Reservation, type SignInThrottle, type ThrottleOptions } from "@/lib/auth/rate-limit";
import type { RedisConnection } from "@/lib/shared-state/redis/connection";

// Reads the three counters (pair, address, client), refuses or counts the attempt as pending, in one
// step: parallel guesses on several instances see each other, as they do in one process.
const RESERVE = `local c = {}
for i = 1, 3 do
  local v = redis.call('HMGET', KEYS[i], 'f', 'p')
  c[2 * i - 1] = tonumber(v[1] or '0')
  c[2 * i] = tonumber(v[2] or '0')
end
if c[1] + c[2] >= tonumber(ARGV[1]) then return {0, 1} end
if c[6] >= tonumber(ARGV[2]) then return {0, 2} end
for i = 1, 3 do
  redis.call('HINCRBY', KEYS[i], 'p', 1)
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return {1, c[1], c[2], c[3], c[4], c[5], c[6]}`;

const SETTLE = `for i = 1, 3 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    if redis.call('HINCRBY', KEYS[i], 'p', -1) < 0 then redis.call('HSET', KEYS[i], 'p', 0) end
    if ARGV[1] == 'failure' then redis.call('HINCRBY', KEYS[i], 'f', 1) end
    if ARGV[1] == 'success' then redis.call('HSET', KEYS[i], 'f', 0) end
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
  end
end
return 1`;

// Lua numbers have no Infinity literal: a count no counter reaches.
const finite = (n: number) => (Number.isFinite(n) ? n : 1e15);

/**
 * The sign-in throttle (lib/auth/rate-limit.ts, same policy) with its counters in Redis hashes that
 * expire after the window without activity. A reservation still pending when its instance dies is
 * released by that expiry. Memory is bounded by the window: every key expires on its own.
 */
export class RedisSignInThrottle implements SignInThrottle {
  private readonly policy;
  private readonly windowMs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly conn: RedisConnection,
    opts: ThrottleOptions = {},
  ) {
    const p = throttlePolicy(opts);
    this.policy = p.policy;
    this.windowMs = p.windowMs;
    this.maxInFlight = p.maxInFlight;
  }

  async reserve(client: string, address: string): Promise<Reservation> {
    const keys = [this.conn.key("signin", "pair", client, address), this.conn.key("signin", "address", address), this.conn.key("signin", "client", client)];
    const args = [String(finite(this.policy.pair.refuseAfter)), String(this.maxInFlight), String(this.windowMs)];
    const r = (await this.conn.run((c) => c.eval(RESERVE, { keys, arguments: args }))) as number[];
    if (r[0] === 0) return { ok: false, reason: r[1] === 1 ? "too-many-failures" : "too-many-in-flight" };
    const [, pf, pp, af, ap, cf, cp] = r;
    const delayMs = Math.max(delayOf(pf + pp, this.policy.pair), delayOf(af + ap, this.policy.address), delayOf(cf + cp, this.policy.client));
    let settled = false;
    return {
      ok: true,
      delayMs,
      settle: (outcome: Outcome) => {
        if (settled) return Promise.resolve();
        settled = true;
        return this.conn
          .run((c) => c.eval(SETTLE, { keys, arguments: [outcome, String(this.windowMs)] }))
          .then(
            () => {},
            (err: unknown) => {
              // Lost this once: the pending count goes when the counters expire (the window).
              logger.warn("sign-in throttle settle failed", { error: err instanceof Error ? err.message : String(err) });
            },
          );
      },
    };
  }

  /** Counters live in Redis, bounded by their expiry, not held here. */
  sizes(): { pair: number; address: number; client: number } {
    return { pair: 0, address: 0, client: 0 };
  }
}
