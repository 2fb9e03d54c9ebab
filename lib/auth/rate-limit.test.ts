import { describe, expect, it } from "vitest";
import { createThrottle } from "@/lib/auth/rate-limit";

describe("sign-in throttle", () => {
  it("lets the first failures through, then doubles the delay up to the cap", () => {
    let t = 0;
    const th = createThrottle({ free: 2, baseMs: 100, capMs: 350, refuseAfter: 10, now: () => t });
    const keys = ["ip:1"];
    expect(th.delayFor(keys)).toBe(0);
    th.fail(keys);
    th.fail(keys);
    expect(th.delayFor(keys)).toBe(100);
    th.fail(keys);
    expect(th.delayFor(keys)).toBe(200);
    th.fail(keys);
    expect(th.delayFor(keys)).toBe(350);
  });

  it("refuses after the hard limit, forgets after the window, and resets on success", () => {
    let t = 0;
    const th = createThrottle({ free: 1, refuseAfter: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) th.fail(["a"]);
    expect(th.delayFor(["a"])).toBeNull();
    expect(th.delayFor(["b"])).toBe(0);
    t = 2000;
    expect(th.delayFor(["a"])).toBe(0);
    th.fail(["a"]);
    th.fail(["a"]);
    expect(th.delayFor(["a"])).toBeGreaterThan(0);
    th.succeed(["a"]);
    expect(th.delayFor(["a"])).toBe(0);
  });

  it("takes the worst of several keys (client and address)", () => {
    const th = createThrottle({ free: 0, baseMs: 10 });
    th.fail(["email:x"]);
    expect(th.delayFor(["ip:other", "email:x"])).toBe(20);
    expect(th.delayFor(["ip:other"])).toBe(0);
  });
});
