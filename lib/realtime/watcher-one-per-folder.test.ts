import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Issue 11 point 11: an instance holds at most one IMAP IDLE connection per (account, folder), however
// many people follow the folder and however their streams come and go while logins are still in flight.
vi.mock("@/lib/env", () => ({ env: () => ({ IMAP_POOL_SIZE: 3, IMAP_IDLE_TIMEOUT_S: 300, NEXTAUTH_SECRET: "unit-test-secret-0123456789abcdef0123" }) }));
const { MemoryHub } = await import("@/lib/realtime/hub");
const { WatcherRegistry } = await import("@/lib/realtime/mailbox-watcher");
type MailboxEvent = import("@/lib/realtime/hub").MailboxEvent;
type WatchConnection = import("@/lib/realtime/mailbox-watcher").WatchConnection;

class SlowConn extends EventEmitter {
  usable = true;
  opened: string | null = null;
  async mailboxOpen(path: string) {
    this.opened = path;
    return { path, uidValidity: 1n, highestModseq: 10n, uidNext: 5, exists: 4 };
  }
  async logout() {
    this.usable = false;
  }
  close() {
    this.usable = false;
  }
}

/** A connect whose logins finish only when the test says so, in the order it chooses. */
function slowConnect() {
  const pending: Array<() => void> = [];
  const made: SlowConn[] = [];
  const connect = vi.fn(
    () =>
      new Promise<WatchConnection>((resolve) => {
        const c = new SlowConn();
        made.push(c);
        pending.push(() => resolve(c as unknown as WatchConnection));
      }),
  );
  return { connect, made, pending };
}

const creds = { user: "t@example.test", password: "pw" };
/** Connections still open per folder (a connection counts for its folder once EXAMINE ran). */
function openPerFolder(made: SlowConn[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of made) if (c.usable && c.opened) out[c.opened] = (out[c.opened] ?? 0) + 1;
  return out;
}

describe("one IDLE watcher per (account, folder)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a mailbox parked and watched again while its first login is in flight ends with one connection, not two", async () => {
    const { connect, made, pending } = slowConnect();
    const registry = new WatcherRegistry(new MemoryHub<MailboxEvent>(), connect, { maxPerAccount: 1, graceMs: 5_000 });
    registry.retain(creds, "A"); // login #0 in flight
    const releaseB = registry.retain(creds, "B"); // over the cap: A is parked, B logs in (#1)
    releaseB();
    await vi.advanceTimersByTimeAsync(5_100); // B's grace ends: A is watched again, login #2
    expect(connect).toHaveBeenCalledTimes(3);
    for (const finish of pending) finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(openPerFolder(made)).toEqual({ A: 1 });
    expect(made.filter((c) => c.usable)).toHaveLength(1);
    registry.closeAll();
  });

  it("many people coming and going on a few folders, logins finishing in any order: never two connections for a folder", async () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const { made, pending, connect } = slowConnect();
      const registry = new WatcherRegistry(new MemoryHub<MailboxEvent>(), connect, { maxPerAccount: 2, graceMs: 1_000 });
      const held: Array<() => void> = [];
      for (let step = 0; step < 60; step++) {
        const r = rand();
        if (r < 0.45) held.push(registry.retain(creds, ["INBOX", "Team", "Sales"][Math.floor(rand() * 3)]!));
        else if (r < 0.7 && held.length) held.splice(Math.floor(rand() * held.length), 1)[0]!();
        else if (r < 0.9 && pending.length) pending.splice(Math.floor(rand() * pending.length), 1)[0]!();
        else await vi.advanceTimersByTimeAsync(Math.floor(rand() * 1_500));
        await vi.advanceTimersByTimeAsync(0);
        for (const n of Object.values(openPerFolder(made))) expect(n).toBe(1);
      }
      while (pending.length) pending.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      const open = openPerFolder(made);
      for (const n of Object.values(open)) expect(n).toBe(1);
      // And no more than the account's cap at all.
      expect(Object.keys(open).length).toBeLessThanOrEqual(2);
      registry.closeAll();
    }
  });
});
