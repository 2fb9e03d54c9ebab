import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "@/lib/cache/open-cache";
import { syncPop3Account } from "@/lib/pop3/sync";
import { acquireSyncLock } from "@/lib/pop3/sync-lock";
import { startSync, waitForSync } from "@/lib/pop3/sync-runner";
import { accountKey } from "@/lib/pop3/settings";
import { FaultProxy } from "@/lib/pop3/testing/fault-proxy";
import { cachedHashes, corpus, deliver, dropCache, freshCache, POP3, resetServer, serverHashes, sha256, user } from "@/lib/pop3/testing/fixtures";

/*
 * Issue 9 §16: a POP3 server that stops answering must not hang the sync. The proxy plays the hung
 * server: it accepts and never greets, or goes quiet in the middle of a RETR with the socket open.
 */
let cache: Cache;
const proxy = new FaultProxy({ target: POP3 });
const viaProxy = () => ({ host: "127.0.0.1", port: proxy.port, tls: false });

beforeAll(async () => {
  await proxy.listen();
});
afterAll(async () => {
  await proxy.close();
});
afterEach(() => {
  proxy.silent = false;
  proxy.stallRetrAfter = null;
  proxy.severAll();
  if (cache) dropCache(cache);
});

function partFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith(".part")) out.push(e.name);
    }
  };
  walk(dir);
  return out;
}

async function lockIsFree(email: string): Promise<boolean> {
  try {
    const lock = await acquireSyncLock(cache.store, accountKey(email), { waitMs: 0 });
    await lock.release();
    return true;
  } catch {
    return false;
  }
}

describe("a stalled POP3 server", () => {
  it("that accepts and never answers: the sync fails with TIMEOUT within the idle timeout, the lock is free, the status says why", async () => {
    const u = user(70);
    await resetServer(u);
    cache = freshCache();
    proxy.silent = true;
    const started = Date.now();
    const err = await syncPop3Account(u.creds, { cache, server: viaProxy(), idleTimeoutMs: 800 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toMatchObject({ code: "TIMEOUT" });
    expect((err as Error).message).toMatch(/stopped answering/);
    expect(await lockIsFree(u.email)).toBe(true);

    // The same through the runner the app uses: its status carries the code and the words.
    startSync(u.creds, "manual", { cache, server: viaProxy(), idleTimeoutMs: 800 });
    const status = await waitForSync(u.email);
    expect(status.state).toBe("error");
    expect(status.error).toMatchObject({ code: "TIMEOUT", message: expect.stringMatching(/stopped answering/) });
    expect(await lockIsFree(u.email)).toBe(true);
  });

  it("that goes quiet mid-RETR: the sync fails, keeps only whole messages, deletes nothing on the server, and the next sync completes", async () => {
    const u = user(71);
    await resetServer(u);
    cache = freshCache();
    await cache.store.saveSettings(u.email, { policy: "delete", keepDays: 14, intervalSeconds: 60 });
    const mail = corpus(12, 7101, u.email);
    await deliver(u, mail);
    proxy.stallRetrAfter = 20_000; // a few small messages, then silence inside the next one
    const started = Date.now();
    const err = await syncPop3Account(u.creds, { cache, server: viaProxy(), idleTimeoutMs: 800 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(proxy.stalled).toBe(1);
    expect(err).toMatchObject({ code: "TIMEOUT" });
    expect(await lockIsFree(u.email)).toBe(true);

    // Nothing half-written: every cached blob hashes to its name and is one of the delivered messages; no temp files.
    const cached = await cachedHashes(cache, u.email);
    expect(cached.length).toBeLessThan(mail.length);
    expect(cached.every((h) => mail.map(sha256).includes(h))).toBe(true);
    expect(partFiles(cache.dataDir)).toEqual([]);
    // No QUIT, so no DELE took effect: the server still has everything.
    expect(await serverHashes(u)).toEqual(mail.map(sha256).sort());

    const res = await syncPop3Account(u.creds, { cache, server: POP3 });
    expect(res.fetched + res.skipped).toBe(mail.length);
    expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
  });

  it("that trickles or stalls past the sync's overall deadline: the sync is stopped with TIMEOUT and the lock is freed", async () => {
    const u = user(72);
    await resetServer(u);
    cache = freshCache();
    await deliver(u, corpus(6, 7201, u.email));
    proxy.stallRetrAfter = 5_000;
    const started = Date.now();
    const err = await syncPop3Account(u.creds, { cache, server: viaProxy(), idleTimeoutMs: 60_000, deadlineMs: 1_500 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(err).toMatchObject({ code: "TIMEOUT", message: expect.stringMatching(/longer than its limit/) });
    expect(await lockIsFree(u.email)).toBe(true);
    expect(partFiles(cache.dataDir)).toEqual([]);
  });
});
