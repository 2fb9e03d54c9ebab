import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { acquireSyncLock, pidAlive, syncLockName } from "@/lib/pop3/sync-lock";

const A = "t38@example.test";
let cache: Cache;
const fresh = () => (cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-lock-"))));
afterEach(() => closeCache(cache.dataDir));

/** A pid that surely belonged to a process that is gone now. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid!;
  expect(pidAlive(pid)).toBe(false);
  return pid;
}

const holderOf = (c: Cache) => (c.store as SqliteCacheStore).db.prepare("SELECT owner, pid, host, expires_at FROM locks WHERE name = ?").get(syncLockName(A)) as { pid: number; host: string; expires_at: number } | undefined;

function plant(c: Cache, row: { pid: number; host: string; expiresAt: number }): void {
  (c.store as SqliteCacheStore).db.prepare("INSERT OR REPLACE INTO locks (name, owner, pid, host, expires_at) VALUES (?, 'other', ?, ?, ?)").run(syncLockName(A), row.pid, row.host, row.expiresAt);
}

describe("POP3 sync lock (between processes on one cache)", () => {
  it("one holder at a time: a second acquire fails with SYNC_ALREADY_RUNNING; after release it succeeds", async () => {
    const c = fresh();
    const first = await acquireSyncLock(c.store, A);
    expect(holderOf(c)).toMatchObject({ pid: process.pid, host: os.hostname() });
    await expect(acquireSyncLock(c.store, A)).rejects.toMatchObject({ code: "SYNC_ALREADY_RUNNING" });
    await expect(acquireSyncLock(c.store, "t39@example.test")).resolves.toBeTruthy(); // other accounts are free
    await first.release();
    expect(holderOf(c)).toBeUndefined();
    await (await acquireSyncLock(c.store, A)).release();
  });

  it("waits up to waitMs for the holder to finish", async () => {
    const c = fresh();
    const first = await acquireSyncLock(c.store, A);
    setTimeout(() => void first.release(), 150);
    const started = Date.now();
    const second = await acquireSyncLock(c.store, A, { waitMs: 5_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await second.release();
  });

  it("a SIGKILLed holder on this host (its pid gone) is taken over at once, before its expiry", async () => {
    const c = fresh();
    plant(c, { pid: deadPid(), host: os.hostname(), expiresAt: Date.now() + 3_600_000 });
    const lock = await acquireSyncLock(c.store, A);
    expect(holderOf(c)).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it("a holder on another host blocks until its heartbeat expires, then is taken over", async () => {
    const c = fresh();
    let now = 1_000_000;
    plant(c, { pid: 1, host: "elsewhere.example", expiresAt: now + 30_000 });
    await expect(acquireSyncLock(c.store, A, { now: () => now })).rejects.toMatchObject({ code: "SYNC_ALREADY_RUNNING" });
    now += 30_001;
    const lock = await acquireSyncLock(c.store, A, { now: () => now });
    expect(holderOf(c)).toMatchObject({ host: os.hostname(), expires_at: now + 30_000 });
    await lock.release();
  });

  it("the holder's heartbeat keeps the lock; one that lost it (stalled past the TTL, taken over) sees `lost`", async () => {
    const c = fresh();
    const lock = await acquireSyncLock(c.store, A, { ttlMs: 60, heartbeatMs: 20 });
    await new Promise((r) => setTimeout(r, 150)); // well past the TTL: only the heartbeat keeps it
    await expect(acquireSyncLock(c.store, A, { ttlMs: 60 })).rejects.toMatchObject({ code: "SYNC_ALREADY_RUNNING" });
    expect(lock.lost).toBe(false);
    plant(c, { pid: process.pid, host: os.hostname(), expiresAt: Date.now() + 60_000 }); // someone else's now
    await new Promise((r) => setTimeout(r, 60));
    expect(lock.lost).toBe(true);
    await lock.release(); // releases only its own row
    expect(holderOf(c)).toMatchObject({ pid: process.pid });
  });
});
