import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteActivityStore } from "@/lib/activity/sqlite-activity-store";
import { messageKey, type ActivityRecord } from "@/lib/activity/activity-store";
import { readTrail, recordActivity } from "@/lib/activity/trail";
import { personId } from "@/lib/presence/scope";
import type { MailSession } from "@/lib/auth/session";

const dirs: string[] = [];
const stores: SqliteActivityStore[] = [];
function open(now?: () => number) {
  const dir = mkdtempSync(path.join(tmpdir(), "mailroom-activity-"));
  dirs.push(dir);
  const store = new SqliteActivityStore(path.join(dir, "activity.sqlite"), now);
  stores.push(store);
  return { store, file: path.join(dir, "activity.sqlite") };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const row = (over: Partial<ActivityRecord>): ActivityRecord => ({
  account: "team@example.test",
  messageKey: "mid:<a@x>",
  folder: "INBOX",
  uid: 1,
  action: "read",
  actor: "Dana",
  person: "p1",
  at: 1000,
  ...over,
});

const session = (name: string, sid: string): MailSession => ({ email: "team@example.test", name, sid, protocol: "imap", creds: { user: "team@example.test", password: "x" } });

describe("SqliteActivityStore", () => {
  it("lists a message's trail oldest first, per account and message", async () => {
    const { store } = open();
    await store.record([row({ at: 2000, action: "flagged" }), row({ at: 1000 }), row({ messageKey: "mid:<b@x>" }), row({ account: "other@example.test" })]);
    const list = await store.list("team@example.test", "mid:<a@x>");
    expect(list.map((r) => [r.action, r.at])).toEqual([["read", 1000], ["flagged", 2000]]);
  });

  it("keeps the trail across a reopen (it is on disk, in WAL mode)", async () => {
    const { store, file } = open();
    await store.record([row({ action: "moved", target: "Archive", at: Date.now() })]);
    await store.close();
    const again = new SqliteActivityStore(file);
    stores.push(again);
    expect(await again.list("team@example.test", "mid:<a@x>")).toEqual([expect.objectContaining({ action: "moved", target: "Archive" })]);
  });

  it("finds the latest entry of an action by a person", async () => {
    const { store } = open();
    await store.record([row({ at: 1000 }), row({ at: 3000 }), row({ at: 5000, person: "p2" })]);
    expect((await store.latest("team@example.test", "mid:<a@x>", "read", "p1"))?.at).toBe(3000);
    expect((await store.latest("team@example.test", "mid:<a@x>", "read"))?.at).toBe(5000);
    expect(await store.latest("team@example.test", "mid:<a@x>", "moved")).toBeNull();
  });

  it("drops entries past the retention period when opened", async () => {
    const old = open(() => 0);
    await old.store.record([row({ at: 1 })]);
    await old.store.close();
    const later = new SqliteActivityStore(old.file, () => 365 * 24 * 3600 * 1000);
    stores.push(later);
    expect(await later.list("team@example.test", "mid:<a@x>")).toEqual([]);
  });
});

describe("messageKey", () => {
  it("prefers the Message-ID (it survives moves) and falls back to folder+UIDVALIDITY+UID", () => {
    expect(messageKey("<A@X>", "INBOX", "9", 4)).toBe(messageKey("<a@x>", "Archive", "1", 99));
    expect(messageKey(null, "INBOX", "9", 4)).toBe("uid:INBOX:9:4");
  });
});

describe("trail", () => {
  it("records with the actor's display name and tells the reader which lines are theirs", async () => {
    const { store } = open();
    const dana = session("Dana", "sid-dana");
    const sam = session("Sam", "sid-sam");
    const msg = { uid: 3, messageId: "<m@x>" };
    await recordActivity(dana, "INBOX", [msg], "read", undefined, store);
    await recordActivity(sam, "INBOX", [msg], "moved", "Archive", store);
    const asDana = await readTrail(dana, "INBOX", msg, store);
    expect(asDana.map((e) => [e.action, e.actor, e.self, e.target])).toEqual([
      ["read", "Dana", true, undefined],
      ["moved", "Sam", false, "Archive"],
    ]);
    // Found again after the move: keyed by Message-ID, not folder+UID.
    expect(await readTrail(sam, "Archive", { uid: 1, messageId: "<m@x>" }, store)).toHaveLength(2);
    expect(JSON.stringify(asDana)).not.toContain("sid-");
    expect((await store.list("team@example.test", "mid:<m@x>"))[0]!.person).toBe(personId("sid-dana"));
  });
});
