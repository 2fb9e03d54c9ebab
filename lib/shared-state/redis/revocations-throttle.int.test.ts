import { afterEach, describe, expect, it } from "vitest";
import type { Reservation } from "@/lib/auth/rate-limit";
import { RedisSignInThrottle } from "@/lib/shared-state/redis/throttle";
import { twoInstances } from "@/lib/shared-state/redis/testing/two-instances";

let env: ReturnType<typeof twoInstances> | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

type Granted = Extract<Reservation, { ok: true }>;
function granted(r: Reservation): Granted {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r;
}

describe("revoked sessions in Redis (two instances)", () => {
  it("a session ended on A is refused on B, and the record expires with the tokens it concerns", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const a = env.a.revocations();
    const b = env.b.revocations();
    expect(await b.isSessionRevoked("sid-1")).toBe(false);
    await a.revokeSession("sid-1", Date.now() + 400);
    expect(await b.isSessionRevoked("sid-1")).toBe(true);
    expect(await b.isSessionRevoked("sid-2")).toBe(false);
    const ttl = await env.b.conn.run((c) => c.pTTL(`${env!.prefix}revoked:session:sid-1`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(400);
    await new Promise((r) => setTimeout(r, 450));
    expect(await b.isSessionRevoked("sid-1")).toBe(false);
  });

  it("a refused password ends its sessions everywhere; the latest refusal wins, whatever the order", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const a = env.a.revocations();
    const b = env.b.revocations();
    const until = Date.now() + 60_000;
    expect(await b.passwordRevokedAt("Ana@Example.test", "fp1")).toBeNull();
    await a.revokePassword("Ana@Example.test", "fp1", 2_000, until);
    await b.revokePassword("ana@example.test", "fp1", 1_000, until); // older news arriving late
    expect(await a.passwordRevokedAt("ana@example.test", "fp1")).toBe(2_000);
    expect(await b.passwordRevokedAt("ANA@example.test", "fp1")).toBe(2_000);
    expect(await b.passwordRevokedAt("ana@example.test", "fp2")).toBeNull();
  });
});

describe("sign-in throttle in Redis (two instances)", () => {
  it("failures on A and B add up: the delay grows and the guesser is refused, whichever instance it reaches", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const opts = { pair: { free: 2, baseMs: 100, capMs: 10_000, refuseAfter: 6 } };
    const a = new RedisSignInThrottle(env.a.conn, opts);
    const b = new RedisSignInThrottle(env.b.conn, opts);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = granted(await (i % 2 ? b : a).reserve("ip:6.6.6.6", "t180@example.test"));
      delays.push(r.delayMs);
      await r.settle("failure");
    }
    expect(delays).toEqual([0, 0, 100, 200, 400, 800]);
    expect(await a.reserve("ip:6.6.6.6", "t180@example.test")).toEqual({ ok: false, reason: "too-many-failures" });
    expect(await b.reserve("ip:6.6.6.6", "t180@example.test")).toEqual({ ok: false, reason: "too-many-failures" });
    // Another client is not refused (only delayed, by the address counter at most).
    expect((await b.reserve("ip:1.2.3.4", "t180@example.test")).ok).toBe(true);
  });

  it("counts attempts when reserved: parallel guesses on both instances see each other", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const opts = { pair: { refuseAfter: 10 }, maxInFlightPerClient: 10_000 };
    const a = new RedisSignInThrottle(env.a.conn, opts);
    const b = new RedisSignInThrottle(env.b.conn, opts);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).reserve("ip:7.7.7.7", "t181@example.test")));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === "too-many-failures")).toHaveLength(50);
  });

  it("a success clears the failures for that address, on every instance", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const opts = { pair: { free: 1, baseMs: 100, capMs: 10_000, refuseAfter: 10 } };
    const a = new RedisSignInThrottle(env.a.conn, opts);
    const b = new RedisSignInThrottle(env.b.conn, opts);
    for (let i = 0; i < 3; i++) await granted(await a.reserve("ip:8.8.8.8", "t182@example.test")).settle("failure");
    expect(granted(await b.reserve("ip:8.8.8.8", "t182@example.test")).delayMs).toBeGreaterThan(0);
    // (the reservation above is still pending) a success settles it and clears the counters
    const ok = granted(await b.reserve("ip:8.8.8.8", "t182@example.test"));
    await ok.settle("success");
    const after = granted(await a.reserve("ip:8.8.8.8", "t182@example.test"));
    expect(after.delayMs).toBeLessThanOrEqual(100); // only the one still pending counts
  });
});
