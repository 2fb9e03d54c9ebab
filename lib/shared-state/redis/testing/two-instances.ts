import "server-only";
import { randomBytes } from "node:crypto";
import { RedisBackend } from "@/lib/shared-state/redis/backend";

/**
 * Two "instances" in one test process (url: the suite's Redis, TEST_REDIS_URL from scripts/test-env.sh): two backends, each with its own connections, sharing one Redis
 * (scripts/redis-stack.sh, started by scripts/test.sh) under a key prefix of their own, so test files
 * never see each other's keys.
 */
export function twoInstances(url: string | undefined, opts: { timeoutMs?: number } = {}): { a: RedisBackend; b: RedisBackend; prefix: string; close(): Promise<void> } {
  if (!url) throw new Error("TEST_REDIS_URL is not set: source scripts/test-env.sh and run scripts/redis-stack.sh start");
  const prefix = `mailroom-test:${randomBytes(6).toString("hex")}:`;
  const a = new RedisBackend({ url, timeoutMs: opts.timeoutMs ?? 2_000, prefix });
  const b = new RedisBackend({ url, timeoutMs: opts.timeoutMs ?? 2_000, prefix });
  return {
    a,
    b,
    prefix,
    async close() {
      await a.conn.run((c) => c.eval("local ks = redis.call('KEYS', ARGV[1]) for _, k in ipairs(ks) do redis.call('DEL', k) end return #ks", { keys: [], arguments: [`${prefix}*`] }));
      await Promise.all([a.close(), b.close()]);
    },
  };
}

/** Polls `check` until it holds or `ms` pass. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
