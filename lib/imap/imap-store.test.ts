import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { ImapFlow } from "imapflow";

vi.mock("@/lib/env", () => ({
  env: () => ({ IMAP_POOL_SIZE: 1, IMAP_IDLE_TIMEOUT_S: 300, NEXTAUTH_SECRET: "unit-test-secret-0123456789abcdef0123" }),
  // No REDIS_URL: the move guard is the in-process one.
  redisEnv: () => ({ REDIS_TIMEOUT_MS: 2_000 }),
}));
const { AccountPool } = await import("@/lib/imap/pool");
const { ImapStore } = await import("@/lib/imap/imap-store");

class FakeClient extends EventEmitter {
  usable = true;
  async logout() {}
  close() {}
  // Whatever a store call would do first: it must never get here once the request was cancelled.
  getMailboxLock = vi.fn(async () => ({ release() {} }));
  list = vi.fn(async () => []);
}

// The route's request signal (withStore passes req.signal to storeFor) reaches the pool through the store.
describe("ImapStore with the request's AbortSignal", () => {
  it("drops a queued delete when the browser goes away; the server never sees it", async () => {
    const client = new FakeClient();
    const pool = new AccountPool("u@example.test#k", { user: "u@example.test", password: "p" }, 1, async () => client as unknown as ImapFlow);
    let release!: () => void;
    const busy = pool.run(() => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    const ac = new AbortController();
    const store = new ImapStore(pool, "u@example.test", ac.signal);
    const removing = store.remove("INBOX", [7]).catch((e: { code: string }) => e.code);
    await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    expect(await removing).toBe("REQUEST_CANCELLED");
    release();
    await busy;
    await new Promise((r) => setTimeout(r, 20));
    expect(client.list).not.toHaveBeenCalled();
    expect(client.getMailboxLock).not.toHaveBeenCalled();
    expect(pool.stats()).toMatchObject({ waiting: 0, busy: 0 });
    // Control: the same call, not cancelled, does reach the connection.
    await new ImapStore(pool, "u@example.test", new AbortController().signal).remove("INBOX", [7]).catch(() => {});
    expect(client.list.mock.calls.length + client.getMailboxLock.mock.calls.length).toBeGreaterThan(0);
  });

  it("drops a queued search whose caller let go (the all-folders search's deadline), the request still open", async () => {
    const client = new FakeClient();
    const pool = new AccountPool("u@example.test#k", { user: "u@example.test", password: "p" }, 1, async () => client as unknown as ImapFlow);
    let release!: () => void;
    const busy = pool.run(() => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    const giveUp = new AbortController();
    const store = new ImapStore(pool, "u@example.test", new AbortController().signal);
    const searching = store.listMessages("INBOX", { limit: 5, search: { text: "x", field: "all" }, signal: giveUp.signal }).catch((e: { code: string }) => e.code);
    await new Promise((r) => setTimeout(r, 5));
    giveUp.abort();
    expect(await searching).toBe("REQUEST_CANCELLED");
    release();
    await busy;
    await new Promise((r) => setTimeout(r, 20));
    expect(client.getMailboxLock).not.toHaveBeenCalled();
    expect(pool.stats()).toMatchObject({ waiting: 0, busy: 0 });
  });
});


// Issue 13: a prefetch's GET is a guess; on the account's pool it queues behind real opens and lists.
describe("ImapStore.getMessage priority", () => {
  it("runs a prefetch as background work and an open as a job, and reports pool wait and IMAP time", async () => {
    const client = new FakeClient();
    const pool = new AccountPool("u@example.test#k", { user: "u@example.test", password: "p" }, 1, async () => client as unknown as ImapFlow);
    const run = vi.spyOn(pool, "run").mockImplementation(async () => ({ uid: 1 }) as never);
    const store = new ImapStore(pool, "u@example.test");
    await store.getMessage("INBOX", 1, { peek: true, background: true });
    await store.getMessage("INBOX", 2, { peek: true });
    expect(run.mock.calls.map((c) => c[1]?.background)).toEqual([true, undefined]);
    run.mockRestore();
    const times: string[] = [];
    vi.spyOn(pool, "run").mockImplementation(async (job) => job(client as unknown as ImapFlow).catch(() => null) as never);
    await store.getMessage("INBOX", 3, { peek: true, timings: { add: (name) => times.push(name) } });
    expect(times).toEqual(["pool", "imap"]);
  });
});
