import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/env", () => ({ env: () => ({ IMAP_POOL_SIZE: 3, IMAP_IDLE_TIMEOUT_S: 300, NEXTAUTH_SECRET: "unit-test-secret-0123456789abcdef0123" }) }));
const { MemoryHub, mailboxTopic } = await import("@/lib/realtime/hub");
const { WatcherRegistry } = await import("@/lib/realtime/mailbox-watcher");
const { accountKey } = await import("@/lib/imap/pool");
type MailboxEvent = import("@/lib/realtime/hub").MailboxEvent;
type WatchConnection = import("@/lib/realtime/mailbox-watcher").WatchConnection;

class FakeConn extends EventEmitter {
  usable = true;
  opened: string | null = null;
  openOpts: { uidValidity?: bigint; changedSince?: bigint } = {};
  loggedOut = false;
  /** What EXAMINE answers; `during` runs while it is in flight (untagged responses of a QRESYNC SELECT). */
  box: Record<string, unknown> = { uidValidity: 1n, highestModseq: 10n, uidNext: 5, exists: 4 };
  during: (c: FakeConn) => void = () => {};
  async mailboxOpen(path: string, opts: { uidValidity?: bigint; changedSince?: bigint } = {}) {
    this.opened = path;
    this.openOpts = opts;
    this.during(this);
    return { path, ...this.box, qresync: opts.changedSince !== undefined && opts.uidValidity === this.box.uidValidity && !!this.box.highestModseq };
  }
  async logout() {
    this.loggedOut = true;
    this.usable = false;
  }
  close() {
    this.usable = false;
  }
  /** The server dropped us. */
  drop() {
    this.usable = false;
    this.emit("close");
  }
}

const creds = { user: "t@example.test", password: "pw" };
const topic = (folder: string) => mailboxTopic(accountKey(creds), folder);

function setup(opts: { maxPerAccount?: number } = {}, prepare: (c: FakeConn, n: number) => void = () => {}) {
  const hub = new MemoryHub<MailboxEvent>();
  const made: FakeConn[] = [];
  const connect = vi.fn(async () => {
    const c = new FakeConn();
    prepare(c, made.length);
    made.push(c);
    return c as unknown as WatchConnection;
  });
  const registry = new WatcherRegistry(hub, connect, { graceMs: 5_000, backoffMinMs: 1_000, ...opts });
  const events = (folder: string) => {
    const got: MailboxEvent[] = [];
    hub.subscribe(topic(folder), (e) => got.push(e));
    return got;
  };
  return { hub, made, connect, registry, events };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe("WatcherRegistry", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("two subscribers of one mailbox share one watcher connection", async () => {
    const { registry, connect, made } = setup();
    const r1 = registry.retain(creds, "INBOX");
    const r2 = registry.retain(creds, "INBOX");
    await flush();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(made[0]!.opened).toBe("INBOX");
    expect(registry.stats()).toEqual([expect.objectContaining({ folder: "INBOX", subscribers: 2, connected: true, state: "running" })]);
    r1();
    r2();
  });

  it("publishes exists, expunge and flags as compact events, after a first synced with the resume point", async () => {
    const { registry, made, events } = setup();
    const got = events("INBOX");
    registry.retain(creds, "INBOX");
    await flush();
    const c = made[0]!;
    c.emit("exists", { path: "INBOX", count: 7, prevCount: 6 });
    c.emit("expunge", { path: "INBOX", uid: 42, vanished: true });
    c.emit("expunge", { path: "INBOX", seq: 3, vanished: false });
    c.emit("flags", { path: "INBOX", seq: 2, uid: 9, flags: new Set(["\\Seen", "\\Flagged"]), modseq: 12n });
    c.emit("exists", { path: "Other", count: 1, prevCount: 0 }); // not ours
    expect(got).toEqual([
      { type: "synced", folder: "INBOX", token: "1:10" },
      { type: "exists", folder: "INBOX", count: 7, token: "1:10" },
      { type: "expunge", folder: "INBOX", uid: 42, seq: undefined, token: "1:10" },
      { type: "expunge", folder: "INBOX", uid: undefined, seq: 3, token: "1:10" },
      // A flag change carries its MODSEQ: the resume point moves on with it.
      { type: "flags", folder: "INBOX", uid: 9, seq: 2, flags: ["\\Seen", "\\Flagged"], token: "1:12" },
    ]);
  });

  it("closes the watcher only after the last subscriber left and the grace period passed", async () => {
    const { registry, made } = setup();
    const r1 = registry.retain(creds, "INBOX");
    const r2 = registry.retain(creds, "INBOX");
    await flush();
    r1();
    r1(); // releasing twice counts once
    await vi.advanceTimersByTimeAsync(10_000);
    expect(made[0]!.loggedOut).toBe(false);
    r2();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(made[0]!.loggedOut).toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(made[0]!.loggedOut).toBe(true);
    expect(registry.stats()).toEqual([]);
  });

  it("a subscriber returning within the grace period (a page reload) keeps the same connection", async () => {
    const { registry, connect, made } = setup();
    registry.retain(creds, "INBOX")();
    await vi.advanceTimersByTimeAsync(2_000);
    const again = registry.retain(creds, "INBOX");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(made[0]!.loggedOut).toBe(false);
    again();
  });

  it("reconnects with backoff after a drop and catches up with QRESYNC: vanished, flags, new — no reload", async () => {
    const { registry, made, connect, events } = setup({}, (c, n) => {
      if (n === 0) return;
      c.box = { uidValidity: 1n, highestModseq: 20n, uidNext: 9, exists: 5 };
      c.during = (conn) => {
        conn.emit("expunge", { path: "INBOX", uid: 3, vanished: true, earlier: true });
        conn.emit("flags", { path: "INBOX", seq: 1, uid: 2, flags: new Set(["\\Flagged"]), modseq: 15n });
        conn.emit("flags", { path: "INBOX", seq: 5, uid: 8, flags: new Set<string>(), modseq: 19n });
      };
    });
    const got = events("INBOX");
    registry.retain(creds, "INBOX");
    await flush();
    made[0]!.drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(made[1]!.opened).toBe("INBOX");
    // It resumed from what it knew: same UIDVALIDITY, the HIGHESTMODSEQ of the first connection.
    expect(made[1]!.openOpts).toMatchObject({ uidValidity: 1n, changedSince: 10n });
    expect(got.filter((e) => e.type === "resync")).toHaveLength(0);
    expect(got.slice(1)).toEqual([
      { type: "vanished", folder: "INBOX", uids: [3], catchup: true },
      { type: "flags", folder: "INBOX", uid: 2, flags: ["\\Flagged"], catchup: true },
      { type: "new", folder: "INBOX", uids: [8], count: 5, catchup: true },
      { type: "synced", folder: "INBOX", token: "1:20" },
    ]);
    // Events from the dead connection are ignored; the new one's are delivered.
    made[0]!.emit("exists", { path: "INBOX", count: 1, prevCount: 0 });
    made[1]!.emit("exists", { path: "INBOX", count: 2, prevCount: 1 });
    expect(got.filter((e) => e.type === "exists")).toEqual([{ type: "exists", folder: "INBOX", count: 2, token: "1:20" }]);
  });

  it("asks for a full reload only when UIDVALIDITY changed", async () => {
    const { registry, made, events } = setup({}, (c, n) => {
      if (n > 0) c.box = { uidValidity: 2n, highestModseq: 3n, uidNext: 2, exists: 1 };
    });
    const got = events("INBOX");
    registry.retain(creds, "INBOX");
    await flush();
    made[0]!.drop();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(got.map((e) => [e.type, e.reason, e.token])).toEqual([
      ["synced", undefined, "1:10"],
      ["resync", "uidvalidity", undefined],
      ["synced", undefined, "2:3"],
    ]);
  });

  it("falls back to a reload when the server has no mod-sequences for the mailbox", async () => {
    const { registry, made, events } = setup({}, (c) => {
      c.box = { uidValidity: 1n, uidNext: 5, exists: 4, noModseq: true };
    });
    const got = events("INBOX");
    registry.retain(creds, "INBOX");
    await flush();
    made[0]!.drop();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(made[1]!.openOpts).toEqual({ readOnly: true });
    expect(got.map((e) => [e.type, e.reason])).toEqual([
      ["synced", undefined],
      ["resync", "no-condstore"],
      ["synced", undefined],
    ]);
  });

  it("keeps retrying while the server is unreachable, backing off", async () => {
    const { registry, connect } = setup();
    connect.mockRejectedValue(new Error("ECONNREFUSED"));
    registry.retain(creds, "INBOX");
    await flush();
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_300); // ~1 s
    expect(connect).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_600); // ~2 s
    expect(connect).toHaveBeenCalledTimes(3);
    registry.closeAll();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connect).toHaveBeenCalledTimes(3);
  });

  it("caps watched mailboxes per account: the least recently subscribed is parked, then resumed", async () => {
    const { registry, made, events } = setup({ maxPerAccount: 2 });
    const gotA = events("A");
    const rA = registry.retain(creds, "A");
    await vi.advanceTimersByTimeAsync(10);
    const rB = registry.retain(creds, "B");
    await vi.advanceTimersByTimeAsync(10);
    const rC = registry.retain(creds, "C");
    await flush();
    expect(made).toHaveLength(3);
    expect(made[0]!.loggedOut).toBe(true); // A's connection
    expect(gotA.at(-1)).toEqual({ type: "unwatched", folder: "A" });
    expect(registry.stats().filter((s) => s.state === "running").map((s) => s.folder).sort()).toEqual(["B", "C"]);

    // B's last subscriber leaves: after the grace period A is watched again and resyncs.
    rB();
    await vi.advanceTimersByTimeAsync(5_100);
    expect(made).toHaveLength(4);
    expect(made[3]!.opened).toBe("A");
    // Resumed with QRESYNC from where it was parked: nothing changed, so just "synced".
    expect(made[3]!.openOpts).toMatchObject({ uidValidity: 1n, changedSince: 10n });
    expect(gotA.at(-1)).toEqual({ type: "synced", folder: "A", token: "1:10" });
    rA();
    rC();
  });

  it("over the cap, an idle watcher in its grace period goes before a subscribed one", async () => {
    const { registry, made } = setup({ maxPerAccount: 2 });
    registry.retain(creds, "A");
    await vi.advanceTimersByTimeAsync(10);
    registry.retain(creds, "B")(); // left, in grace
    await vi.advanceTimersByTimeAsync(10);
    registry.retain(creds, "C");
    await flush();
    expect(made[0]!.loggedOut).toBe(false);
    expect(made[1]!.loggedOut).toBe(true);
    expect(registry.stats().map((s) => s.folder).sort()).toEqual(["A", "C"]);
  });
});

describe("WatcherRegistry bounds (issue 9 §10: folder names come from clients)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a client churning through 200 made-up folders never holds more than the cap's watchers, and none once the grace period passes", async () => {
    const { registry, made } = setup({ maxPerAccount: 3 });
    let most = 0;
    for (let i = 0; i < 200; i++) {
      const release = registry.retain(creds, `junk-${i}`);
      await flush();
      release();
      most = Math.max(most, registry.stats().length);
    }
    expect(most).toBeLessThanOrEqual(4);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(registry.stats()).toEqual([]);
    expect(made.every((c) => !c.usable)).toBe(true);
  });
});
