import { afterEach, describe, expect, it } from "vitest";
import { acquireSyncLock } from "@/lib/pop3/sync-lock";
import type { CacheStore } from "@/lib/cache/cache-store";
import { RedisLocks } from "@/lib/shared-state/redis/lock";
import { twoInstances } from "@/lib/shared-state/redis/testing/two-instances";

let env: ReturnType<typeof twoInstances> | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The Redis path must not touch the cache database: any call on it fails the test.
const noCache = new Proxy({}, { get: () => () => Promise.reject(new Error("the cache database lock was used")) }) as CacheStore;

describe("move/delete guard over Redis (two instances)", () => {
  it("moves in one mailbox run one at a time across instances; other mailboxes are not held up", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const a = env.a.mutex();
    const b = env.b.mutex();
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await sleep(ms);
      log.push(`${name} end`);
      return name;
    };
    const first = a.run("acct|Team", job("A", 200));
    await sleep(30);
    const second = b.run("acct|Team", job("B", 10));
    const other = b.run("acct|Other", job("C", 10));
    expect(await Promise.all([first, second, other])).toEqual(["A", "B", "C"]);
    expect(log.indexOf("B start")).toBeGreaterThan(log.indexOf("A end"));
    expect(log.indexOf("C end")).toBeLessThan(log.indexOf("A end"));
  });

  it("gives up with MAILBOX_BUSY when the lock can't be taken in time, and a holder that died frees it after its TTL", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const a = new RedisLocks(env.a.conn, { ttlMs: 400, waitMs: 150 });
    const b = new RedisLocks(env.b.conn, { ttlMs: 400, waitMs: 150 });
    // A takes the lock and "dies": it never renews nor releases.
    expect(await a.tryTake("move:acct|Team", "dead-holder", 400)).toBe(true);
    const t0 = Date.now();
    await expect(b.run("acct|Team", async () => "ran")).rejects.toMatchObject({ code: "MAILBOX_BUSY" });
    expect(Date.now() - t0).toBeLessThan(1_000);
    await sleep(450);
    expect(await b.run("acct|Team", async () => "ran")).toBe("ran");
  });

  it("releases only its own lock (token-checked)", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const a = env.a.mutex();
    expect(await a.tryTake("x", "mine", 5_000)).toBe(true);
    expect(await a.releaseIf("x", "not-mine")).toBe(false);
    expect(await env.b.mutex().holder("x")).toBe("mine");
    expect(await a.releaseIf("x", "mine")).toBe(true);
    expect(await env.b.mutex().holder("x")).toBeNull();
  });
});

describe("POP3 sync lock over Redis (two instances)", () => {
  it("one sync per account across instances; the second waits or fails with SYNC_ALREADY_RUNNING", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const lockA = await acquireSyncLock(noCache, "pop@example.test", { locks: env.a.leaseLocks() });
    await expect(acquireSyncLock(noCache, "pop@example.test", { locks: env.b.leaseLocks() })).rejects.toMatchObject({ code: "SYNC_ALREADY_RUNNING" });
    // Another account is free.
    const other = await acquireSyncLock(noCache, "other@example.test", { locks: env.b.leaseLocks() });
    await other.release();
    // B waits for A's release.
    const waiting = acquireSyncLock(noCache, "pop@example.test", { locks: env.b.leaseLocks(), waitMs: 3_000 });
    await sleep(100);
    await lockA.release();
    const lockB = await waiting;
    expect(lockB.lost).toBe(false);
    await lockB.release();
  });

  it("a holder that stalls past the TTL loses the lock to the other instance, and learns it at its next heartbeat", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    // Heartbeats far apart: A "stalls" past its 300 ms TTL.
    const lockA = await acquireSyncLock(noCache, "pop@example.test", { locks: env.a.leaseLocks(), ttlMs: 300, heartbeatMs: 600, isAlive: () => true });
    await sleep(350);
    const lockB = await acquireSyncLock(noCache, "pop@example.test", { locks: env.b.leaseLocks(), ttlMs: 5_000, isAlive: () => true });
    await sleep(400);
    expect(lockA.lost).toBe(true);
    expect(lockB.lost).toBe(false);
    await lockA.release(); // must not free B's lock
    await expect(acquireSyncLock(noCache, "pop@example.test", { locks: env.a.leaseLocks() })).rejects.toMatchObject({ code: "SYNC_ALREADY_RUNNING" });
    await lockB.release();
  });

  it("a holder on this host whose process is gone (SIGKILL) is taken over at once", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    await acquireSyncLock(noCache, "pop@example.test", { locks: env.a.leaseLocks(), isAlive: () => true });
    const t0 = Date.now();
    const lockB = await acquireSyncLock(noCache, "pop@example.test", { locks: env.b.leaseLocks(), isAlive: () => false });
    expect(Date.now() - t0).toBeLessThan(1_000);
    await lockB.release();
  });
});
