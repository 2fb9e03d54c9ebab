import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Pop3Settings } from "@/lib/shared/types";

// The schedule: a sync every intervalSeconds (from the account's settings) while any session of the
// account is in use, stopped when none is. Fake timers; the POP3 sync and the cache are fakes.
const fake = vi.hoisted(() => ({
  settings: null as Pop3Settings | null,
  sync: null as unknown as ReturnType<typeof import("@/lib/pop3/testing/fake-sync").createFakeSync>,
  indexPending: async (): Promise<number> => 0,
}));
vi.mock("@/lib/pop3/sync", () => ({ syncPop3Account: (...args: Parameters<typeof fake.sync.syncPop3Account>) => fake.sync.syncPop3Account(...args) }));
vi.mock("@/lib/pop3/index-pending", () => ({ indexPending: () => fake.indexPending() }));
vi.mock("@/lib/cache/open-cache", () => ({ openCache: () => ({ store: { getSettings: async () => fake.settings } }) }));
vi.mock("@/lib/imap/pool", () => ({ poolFor: () => ({ sessions: new Set() }) }));

const { keepSyncing, rescheduleSync, startSync, stopSyncing, waitForSync } = await import("@/lib/pop3/sync-runner");
const { endPop3Session, storeFor } = await import("@/lib/mail/store-for");
const { createFakeSync } = await import("@/lib/pop3/testing/fake-sync");

const SECOND = 1000;
const creds = (email: string) => ({ user: email, password: "pw" });
/** Lets every started fake sync finish (so the next tick can start another). */
const finishAll = async () => {
  for (const r of fake.sync.runs) r.finish();
  await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  vi.useFakeTimers();
  fake.sync = createFakeSync();
  fake.settings = null;
  fake.indexPending = async () => 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("scheduled POP3 sync", () => {
  it("runs every 60 s by default while requests keep coming", async () => {
    const email = "t36@example.test";
    keepSyncing(creds(email));
    await vi.advanceTimersByTimeAsync(59 * SECOND);
    expect(fake.sync.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1 * SECOND);
    expect(fake.sync.runs).toHaveLength(1);
    await finishAll();
    keepSyncing(creds(email)); // a request
    await vi.advanceTimersByTimeAsync(60 * SECOND);
    expect(fake.sync.runs).toHaveLength(2);
    expect(fake.sync.runs[1]!.creds).toEqual(creds(email));
    await finishAll();
    stopSyncing(email);
  });

  it("uses the interval from the account's settings, and a changed interval at once", async () => {
    const email = "t37@example.test";
    fake.settings = { policy: "keep", keepDays: 14, intervalSeconds: 15 };
    keepSyncing(creds(email));
    await vi.advanceTimersByTimeAsync(15 * SECOND);
    expect(fake.sync.runs).toHaveLength(1);
    await finishAll();
    await vi.advanceTimersByTimeAsync(15 * SECOND);
    expect(fake.sync.runs).toHaveLength(2);
    await finishAll();
    rescheduleSync(email, 300);
    await vi.advanceTimersByTimeAsync(200 * SECOND);
    keepSyncing(creds(email)); // still in use (the schedule stops after 2 idle minutes)
    await vi.advanceTimersByTimeAsync(99 * SECOND);
    expect(fake.sync.runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1 * SECOND);
    expect(fake.sync.runs).toHaveLength(3);
    await finishAll();
    stopSyncing(email);
  });

  it("a tick while the last sync still runs starts no second one", async () => {
    const email = "t38@example.test";
    fake.settings = { policy: "keep", keepDays: 14, intervalSeconds: 15 };
    keepSyncing(creds(email));
    await vi.advanceTimersByTimeAsync(15 * SECOND);
    keepSyncing(creds(email));
    await vi.advanceTimersByTimeAsync(15 * SECOND);
    expect(fake.sync.runs).toHaveLength(1);
    await finishAll();
    stopSyncing(email);
  });

  it("stops by itself when no session of the account has made a request for 2 minutes", async () => {
    const email = "t39@example.test";
    fake.settings = { policy: "keep", keepDays: 14, intervalSeconds: 30 };
    keepSyncing(creds(email));
    await vi.advanceTimersByTimeAsync(0); // settings loaded: every 30 s
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(30 * SECOND);
      await finishAll();
    }
    expect(fake.sync.runs).toHaveLength(4); // 0:30 … 2:00, the last request at 0:00
    const timers = vi.getTimerCount();
    await vi.advanceTimersByTimeAsync(30 * SECOND); // 2:30: idle too long → stops, no sync
    expect(fake.sync.runs).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(timers - 1);
    await vi.advanceTimersByTimeAsync(10 * 60 * SECOND);
    expect(fake.sync.runs).toHaveLength(4);
    keepSyncing(creds(email)); // back: the schedule starts again
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(fake.sync.runs).toHaveLength(5);
    await finishAll();
    stopSyncing(email);
  });

  it("stops when the account's last session signs out, not before", async () => {
    const email = "t40@example.test";
    fake.settings = { policy: "keep", keepDays: 14, intervalSeconds: 20 };
    const session = (sid: string) => ({ email, name: email, sid, protocol: "pop3" as const, creds: creds(email) });
    storeFor(session("a")); // every request of a POP3 session goes through storeFor
    storeFor(session("b"));
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    expect(fake.sync.runs).toHaveLength(1);
    await finishAll();
    endPop3Session(email, "a");
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    expect(fake.sync.runs).toHaveLength(2); // b is still open
    await finishAll();
    endPop3Session(email, "b");
    await vi.advanceTimersByTimeAsync(5 * 60 * SECOND);
    expect(fake.sync.runs).toHaveLength(2);
  });
});

describe("a check while the last one's mail is still being indexed", () => {
  it("downloads at once; the two index runs go one after the other, and waitForSync waits for both", async () => {
    const email = "t39@example.test";
    const indexRuns: { done: () => void }[] = [];
    fake.indexPending = () => new Promise<number>((resolve) => indexRuns.push({ done: () => resolve(1) }));
    expect(startSync(creds(email), "manual").state).toBe("running");
    fake.sync.runs[0]!.finish({ fetched: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(indexRuns).toHaveLength(1); // indexing what the first check stored

    // A second check meanwhile: a new download starts (it used to return the last status, doing nothing).
    const second = startSync(creds(email), "manual");
    expect(second).toMatchObject({ state: "running", finishedAt: null });
    expect(fake.sync.runs).toHaveLength(2);
    fake.sync.runs[1]!.finish({ fetched: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(indexRuns).toHaveLength(1); // the second index waits for the first

    let waited = false;
    void waitForSync(email).then(() => (waited = true));
    indexRuns[0]!.done();
    await vi.advanceTimersByTimeAsync(0);
    expect(indexRuns).toHaveLength(2);
    expect(waited).toBe(false);
    indexRuns[1]!.done();
    await vi.advanceTimersByTimeAsync(0);
    expect(waited).toBe(true);
  });
});
