import { describe, expect, it } from "vitest";
import { createLoginQueue, LoginQueueFull } from "@/lib/auth/login-queue";

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe("sign-in verification queue", () => {
  it("runs a couple per account at once and refuses the excess at once, bounded per client", async () => {
    const q = createLoginQueue({ active: 2, maxWaiting: 4, maxWaitingPerClient: 2 });
    const g = gate();
    let running = 0;
    let peak = 0;
    const job = async () => {
      running++;
      peak = Math.max(peak, running);
      await g.p;
      running--;
    };
    const results = Array.from({ length: 10 }, () => q.run("acct", "ip:6.6.6.6", job).then(() => "ok", (e) => e));
    const settledEarly = await Promise.race([Promise.all(results.slice(4)), new Promise((r) => setTimeout(() => r("pending"), 50))]);
    // 2 run + 2 wait for this client; the other 6 are refused without waiting.
    expect(settledEarly).not.toBe("pending");
    expect((settledEarly as unknown[]).every((e) => e instanceof LoginQueueFull)).toBe(true);
    g.open();
    expect(await Promise.all(results.slice(0, 4))).toEqual(["ok", "ok", "ok", "ok"]);
    expect(peak).toBe(2);
    expect(q.accounts).toBe(0);
  });

  it("serves clients round-robin and makes room for a new client when full, so the owner gets in", async () => {
    const q = createLoginQueue({ active: 1, maxWaiting: 4, maxWaitingPerClient: 4 });
    const g = gate();
    const order: string[] = [];
    const job = (who: string) => async () => {
      order.push(who);
      await g.p;
    };
    const runs = [q.run("acct", "ip:bad", job("bad0"))];
    for (let i = 1; i <= 4; i++) runs.push(q.run("acct", "ip:bad", job(`bad${i}`)));
    const owner = q.run("acct", "ip:owner", job("owner"));
    // The attacker's newest waiter was turned away to make room.
    await expect(runs[4]).rejects.toBeInstanceOf(LoginQueueFull);
    g.open();
    await owner;
    await Promise.all(runs.slice(0, 4));
    expect(order.slice(0, 3)).toEqual(["bad0", "bad1", "owner"]);
  });

  it("bounds the number of accounts it tracks", async () => {
    const q = createLoginQueue({ maxAccounts: 5 });
    const g = gate();
    const runs = Array.from({ length: 5 }, (_, i) => q.run(`a${i}@x`, "ip:1", () => g.p));
    await expect(q.run("a9@x", "ip:1", async () => {})).rejects.toBeInstanceOf(LoginQueueFull);
    expect(q.accounts).toBe(5);
    g.open();
    await Promise.all(runs);
    expect(q.accounts).toBe(0);
  });
});
