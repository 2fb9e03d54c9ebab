import { describe, expect, it } from "vitest";
import { CounterTable, createSignInThrottle, type Reservation } from "@/lib/auth/rate-limit";

type Granted = Extract<Reservation, { ok: true }>;
function granted(r: Reservation): Granted {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r;
}

describe("sign-in throttle", () => {
  it("lets the first failures through, then doubles the delay up to the cap", () => {
    const th = createSignInThrottle({ pair: { free: 2, baseMs: 100, capMs: 350, refuseAfter: 10 }, now: () => 0 });
    granted(th.reserve("ip:9", "other@x")).settle("failure"); // unrelated keys do not matter
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = granted(th.reserve("ip:2", "b@x"));
      delays.push(r.delayMs);
      r.settle("failure");
    }
    expect(delays).toEqual([0, 0, 100, 200, 350]);
  });

  it("counts an attempt when it is reserved: 1,000 parallel guesses do not all see 'no failures yet'", () => {
    const th = createSignInThrottle({ pair: { refuseAfter: 10 }, maxInFlightPerClient: 10_000 });
    const results = Array.from({ length: 1000 }, () => th.reserve("ip:6.6.6.6", "t53@example.test"));
    const admitted = results.filter((r) => r.ok) as Granted[];
    expect(admitted).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === "too-many-failures")).toHaveLength(990);
    // The admitted ones wait longer and longer: none gets a free run just because the others are still in flight.
    expect(admitted.map((r) => r.delayMs).filter((d) => d > 0).length).toBeGreaterThanOrEqual(6);
    // A server that could not check the password returns the slot without counting a failure.
    admitted.forEach((r) => r.settle("void"));
    expect(th.reserve("ip:6.6.6.6", "t53@example.test").ok).toBe(true);
  });

  it("refuses only the (client, address) pair; the address alone gets a capped delay, never a refusal", () => {
    const th = createSignInThrottle({ maxInFlightPerClient: 10_000 });
    // Strangers from many clients hammer one address.
    for (let c = 0; c < 50; c++) {
      for (let i = 0; i < 12; i++) {
        const r = th.reserve(`ip:10.0.0.${c}`, "owner@x");
        if (r.ok) r.settle("failure");
      }
    }
    expect(th.reserve("ip:10.0.0.1", "owner@x")).toEqual({ ok: false, reason: "too-many-failures" });
    // The owner, from their own address, is let in after at most the address's capped delay.
    const owner = granted(th.reserve("ip:192.0.2.1", "owner@x"));
    expect(owner.delayMs).toBeGreaterThan(0);
    expect(owner.delayMs).toBeLessThanOrEqual(3_000);
    owner.settle("success");
    // Success clears the address's count: the next sign-in from elsewhere waits no longer.
    expect(granted(th.reserve("ip:192.0.2.2", "owner@x")).delayMs).toBe(0);
  });

  it("forgets after the window (fake time) and a success resets the pair", () => {
    let t = 0;
    const th = createSignInThrottle({ pair: { free: 1, refuseAfter: 3 }, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) granted(th.reserve("a", "x@y")).settle("failure");
    expect(th.reserve("a", "x@y").ok).toBe(false);
    t = 2000;
    const r = granted(th.reserve("a", "x@y"));
    expect(r.delayMs).toBe(0);
    r.settle("failure");
    granted(th.reserve("a", "x@y")).settle("failure");
    expect(granted(th.reserve("a", "x@y")).delayMs).toBeGreaterThan(0);
  });

  it("caps what one client may have in flight at once", () => {
    const th = createSignInThrottle({ maxInFlightPerClient: 3 });
    const held = [0, 1, 2].map((i) => granted(th.reserve("ip:1", `u${i}@x`)));
    expect(th.reserve("ip:1", "u9@x")).toEqual({ ok: false, reason: "too-many-in-flight" });
    expect(th.reserve("ip:2", "u9@x").ok).toBe(true);
    held[0]!.settle("void");
    expect(th.reserve("ip:1", "u9@x").ok).toBe(true);
  });

  it("keeps every table bounded when pushed past its bound (oldest entries go first)", () => {
    const th = createSignInThrottle({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) granted(th.reserve(`ip:${i}`, `u${i}@x`)).settle("failure");
    expect(th.sizes()).toEqual({ pair: 100, address: 100, client: 100 });

    const table = new CounterTable(3, 60_000, () => 0);
    for (const k of ["a", "b", "c"]) table.touch(k).failures = 1;
    table.touch("a"); // used again: now the most recent
    table.touch("d");
    expect(table.size).toBe(3);
    expect(table.peek("b")).toBeUndefined();
    expect(table.peek("a")?.failures).toBe(1);
  });
});
