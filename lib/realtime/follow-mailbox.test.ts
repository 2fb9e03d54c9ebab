import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/env", () => ({ env: () => ({ IMAP_POOL_SIZE: 3, IMAP_IDLE_TIMEOUT_S: 300 }) }));
const { followMailbox } = await import("@/lib/realtime/follow-mailbox");
const { parseToken, planClientCatchUp } = await import("@/lib/realtime/catch-up");
type MailboxEvent = import("@/lib/realtime/hub").MailboxEvent;

const creds = { user: "t@example.test", password: "pw" };

/** A watcher stand-in: the test pushes its events by hand. */
function fakeWatch() {
  let fn: ((e: MailboxEvent) => void) | null = null;
  const watch = vi.fn((_c: unknown, _f: string, cb: (e: MailboxEvent) => void) => {
    fn = cb;
    return () => (fn = null);
  });
  return { watch, push: (e: Omit<MailboxEvent, "folder">) => fn?.({ ...e, folder: "INBOX" }) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("followMailbox", () => {
  it("without a resume point: one resync once the watcher listens, then live events", async () => {
    const w = fakeWatch();
    const got: MailboxEvent[] = [];
    const catchUp = vi.fn();
    followMailbox(creds, "INBOX", null, (e) => got.push(e), { watch: w.watch as never, catchUp, isReady: () => false, token: () => "1:10" });
    w.push({ type: "synced", token: "1:10" });
    await tick();
    w.push({ type: "exists", count: 3 });
    expect(got.map((e) => e.type)).toEqual(["resync", "synced", "synced", "exists"]);
    expect(got[0]!.reason).toBe("initial");
    expect(catchUp).not.toHaveBeenCalled();
  });

  it("with a resume point: the catch-up goes first and live events that raced it are sent after it", async () => {
    const w = fakeWatch();
    const got: MailboxEvent[] = [];
    let finish: (v: { events: never[]; token: string }) => void = () => {};
    const catchUp = vi.fn(() => new Promise<{ events: never[]; token: string }>((r) => (finish = r)));
    followMailbox(creds, "INBOX", parseToken("1:7"), (e) => got.push(e), { watch: w.watch as never, catchUp: catchUp as never, isReady: () => true });
    expect(catchUp).toHaveBeenCalledWith(creds, "INBOX", { uidValidity: 1n, modseq: 7n });
    w.push({ type: "flags", uid: 4, flags: ["\\Flagged"], token: "1:12" }); // newer than the snapshot
    expect(got).toEqual([]);
    finish({ events: [{ type: "flags", uid: 4, flags: [], catchup: true }] as never[], token: "1:11" });
    await tick();
    expect(got.map((e) => [e.type, e.flags, e.token])).toEqual([
      ["flags", [], undefined],
      ["synced", undefined, "1:11"],
      ["flags", ["\\Flagged"], "1:12"],
    ]);
  });

  it("waits for the watcher to listen before catching up, and asks for a reload when the catch-up fails", async () => {
    const w = fakeWatch();
    const got: MailboxEvent[] = [];
    const catchUp = vi.fn(async () => {
      throw new Error("server gone");
    });
    followMailbox(creds, "INBOX", parseToken("1:7"), (e) => got.push(e), { watch: w.watch as never, catchUp, isReady: () => false });
    expect(catchUp).not.toHaveBeenCalled();
    w.push({ type: "synced", token: "1:9" });
    await tick();
    expect(catchUp).toHaveBeenCalledTimes(1);
    expect(got.map((e) => [e.type, e.reason])).toEqual([
      ["resync", "gap"],
      ["synced", undefined],
    ]);
  });
});

describe("planClientCatchUp", () => {
  const since = { uidValidity: 5n, modseq: 100n };
  it("reports vanished UIDs and changed flags, and a resume point from the highest MODSEQ seen", () => {
    const plan = planClientCatchUp(since, { uidValidity: 5n, highestModseq: 104n }, true, [{ uid: 2, flags: ["\\Seen"], modseq: 105n }, { uid: 9, flags: [], modseq: 103n }], [7, 3]);
    expect(plan).toEqual({
      events: [
        { type: "vanished", uids: [3, 7], catchup: true },
        { type: "flags", uid: 2, flags: ["\\Seen"], catchup: true },
        { type: "flags", uid: 9, flags: [], catchup: true },
      ],
      token: "5:105",
    });
  });
  it("reloads when UIDVALIDITY changed or the server has no CONDSTORE", () => {
    expect(planClientCatchUp(since, { uidValidity: 6n, highestModseq: 1n }, true, [], []).events).toEqual([{ type: "resync", reason: "uidvalidity" }]);
    expect(planClientCatchUp(since, { uidValidity: 5n, highestModseq: 1n }, false, [], []).events).toEqual([{ type: "resync", reason: "no-condstore" }]);
  });
  it("parses only well-formed resume points", () => {
    expect(parseToken("12:34")).toEqual({ uidValidity: 12n, modseq: 34n });
    expect(parseToken("12")).toBeNull();
    expect(parseToken("a:b")).toBeNull();
  });
});
