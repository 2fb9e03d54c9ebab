import { describe, expect, it } from "vitest";
import { KeyedMutex } from "@/lib/mail/keyed-mutex";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("KeyedMutex", () => {
  it("runs jobs of one key one at a time, in order, even when one fails", async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await tick(5);
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([m.run("k", job("a", true)), m.run("k", job("b")), m.run("other", job("c"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.indexOf("a end")).toBeLessThan(log.indexOf("b start"));
    expect(log.indexOf("c start")).toBeLessThan(log.indexOf("a end"));
    await tick(1);
    expect(m.size()).toBe(0);
  });
});

describe("KeyedMutex bounds (issue 9 §10)", () => {
  it("forgets every key once its jobs are done: 5,000 keys leave none behind", async () => {
    const m = new KeyedMutex();
    await Promise.all(Array.from({ length: 5_000 }, (_, i) => m.run(`key-${i}`, async () => i).catch(() => {})));
    await new Promise((r) => setImmediate(r));
    expect(m.size()).toBe(0);
    // A failing job frees its key too.
    await m.run("boom", async () => Promise.reject(new Error("x"))).catch(() => {});
    await new Promise((r) => setImmediate(r));
    expect(m.size()).toBe(0);
  });
});

describe("KeyedMutex wait limit", () => {
  it("gives up a job that waited too long for its turn (MAILBOX_BUSY) without running it; the running one finishes", async () => {
    const m = new KeyedMutex(30);
    const log: string[] = [];
    const slow = m.run("k", async () => (await tick(80), log.push("slow"), "slow"));
    const queued = m.run("k", async () => (log.push("queued"), "queued"));
    const other = m.run("other", async () => "other");
    await expect(queued).rejects.toMatchObject({ code: "MAILBOX_BUSY" });
    expect(await other).toBe("other");
    expect(await slow).toBe("slow");
    await tick(5);
    expect(log).toEqual(["slow"]);
    expect(m.size()).toBe(0);
    // The key works again afterwards; a job that starts in time is never cut, however long it runs.
    expect(await m.run("k", async () => (await tick(60), "long"))).toBe("long");
  });
});
