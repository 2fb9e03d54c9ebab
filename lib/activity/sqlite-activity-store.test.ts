import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteActivityStore } from "@/lib/activity/sqlite-activity-store";
import { PgActivityStore } from "@/lib/activity/pg-activity-store";
import type { ActivityStore } from "@/lib/activity/activity-store";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";
import { messageKey, type ActivityRecord } from "@/lib/activity/activity-store";
import Database from "better-sqlite3";
import { carryTrail, readTrail, recordActivity } from "@/lib/activity/trail";
import { personId, presenceScope } from "@/lib/presence/scope";
import type { MailSession } from "@/lib/auth/session";
import type { FolderPlace } from "@/lib/mail/store";

const dirs: string[] = [];
const stores: ActivityStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await dropTestSchemas();
});

/** A store, and how to open the same trail again (a restart) with another clock. */
interface Opened {
  store: ActivityStore;
  reopen(now?: () => number): ActivityStore;
}

// The same suite against both ActivityStore backends: SQLite (the default) and the real PostgreSQL.
const backends = [
  {
    name: "SqliteActivityStore",
    sqlite: true,
    run: true,
    open(now?: () => number): Opened {
      const dir = mkdtempSync(path.join(tmpdir(), "mailroom-activity-"));
      dirs.push(dir);
      const file = path.join(dir, "activity.sqlite");
      const track = (s: ActivityStore) => (stores.push(s), s);
      return { store: track(new SqliteActivityStore(file, now)), reopen: (later) => track(new SqliteActivityStore(file, later)) };
    },
  },
  {
    name: TEST_PG_URL ? "PgActivityStore" : "PgActivityStore (skipped: TEST_DATABASE_URL unset, run scripts/test.sh)",
    sqlite: false,
    run: !!TEST_PG_URL,
    open(now?: () => number): Opened {
      const db = freshPg();
      return { store: new PgActivityStore(db, now), reopen: (later) => new PgActivityStore(db, later) };
    },
  },
];

// Mailboxes as scopeFor makes them: the team account's own folders, and alice's folders seen by a colleague.
const mine = (folder: string) => presenceScope("team@example.test", "imap", { namespace: "personal", path: [folder] });
const alices = (folder: string, viewer = "bob@example.test") => presenceScope(viewer, "imap", { namespace: "other", owner: "alice", path: [folder] } satisfies FolderPlace);
const INBOX = mine("INBOX");

const row = (over: Partial<ActivityRecord>): ActivityRecord => ({
  scope: INBOX.key,
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

describe.each(backends)("$name", ({ open, run, sqlite }) => {
describe.runIf(run)("activity store", () => {
  it("lists a message's trail oldest first, per mailbox and message", async () => {
    const { store } = open();
    await store.record([row({ at: 2000, action: "flagged" }), row({ at: 1000 }), row({ messageKey: "mid:<b@x>" }), row({ scope: mine("Archive").key })]);
    const list = await store.list(INBOX, "mid:<a@x>");
    expect(list.map((r) => [r.action, r.at])).toEqual([["read", 1000], ["flagged", 2000]]);
  });

  it("keeps the trail across a reopen (it is on disk, in WAL mode)", async () => {
    const { store, reopen } = open();
    await store.record([row({ action: "moved", target: "Archive", at: Date.now() })]);
    await store.close();
    const again = reopen();
    expect(await again.list(INBOX, "mid:<a@x>")).toEqual([expect.objectContaining({ action: "moved", target: "Archive" })]);
  });

  it("finds the latest entry of an action by a person", async () => {
    const { store } = open();
    await store.record([row({ at: 1000 }), row({ at: 3000 }), row({ at: 5000, person: "p2" })]);
    expect((await store.latest(INBOX, "mid:<a@x>", "read", "p1"))?.at).toBe(3000);
    expect((await store.latest(INBOX, "mid:<a@x>", "read"))?.at).toBe(5000);
    expect(await store.latest(INBOX, "mid:<a@x>", "moved")).toBeNull();
  });

  it("drops entries past the retention period when opened", async () => {
    const old = open(() => 0);
    await old.store.record([row({ at: 1 })]);
    await old.store.close();
    const later = old.reopen(() => 365 * 24 * 3600 * 1000);
    expect(await later.list(INBOX, "mid:<a@x>")).toEqual([]);
  });

  it("keeps a mailbox's trail to itself: the same Message-ID in another mailbox of the owner reads nothing", async () => {
    const { store } = open();
    const team = alices("Team");
    const inbox = presenceScope("alice@example.test", "imap", { namespace: "personal", path: ["INBOX"] });
    // alice's own reply in her INBOX; bob can append to her Team and reuses its Message-ID there.
    await store.record([row({ scope: inbox.key, account: inbox.owner, action: "replied", actor: "Alice" })]);
    expect(await store.list(team, "mid:<a@x>")).toEqual([]);
    await store.record([row({ scope: team.key, account: team.owner, action: "replied", actor: "Bob", person: "p-bob" })]);
    expect((await store.list(inbox, "mid:<a@x>")).map((r) => r.actor)).toEqual(["Alice"]);
    expect(await store.latest(inbox, "mid:<a@x>", "replied", "p-bob")).toBeNull();
  });

  it.runIf(sqlite)("migrates an old trail: lines under a shared/ path are dropped, the owner's own stay readable to the owner only", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mailroom-activity-"));
    dirs.push(dir);
    const file = path.join(dir, "activity.sqlite");
    const old = new Database(file);
    old.exec(`CREATE TABLE activity (id INTEGER PRIMARY KEY, account TEXT NOT NULL, message_key TEXT NOT NULL, folder TEXT NOT NULL, uid INTEGER NOT NULL,
      action TEXT NOT NULL, actor TEXT NOT NULL, person TEXT NOT NULL, target TEXT, at INTEGER NOT NULL);
      CREATE INDEX activity_by_message ON activity (account, message_key, at);`);
    const insert = old.prepare("INSERT INTO activity (account, message_key, folder, uid, action, actor, person, at) VALUES (?, 'mid:<a@x>', ?, 1, ?, ?, 'p', ?)");
    const now = Date.now();
    insert.run("alice@example.test", "INBOX", "read", "Alice", now);
    // Written by a POP3 session's local "shared/alice@example.test/Team": indistinguishable from a real one.
    insert.run("alice@example.test", "shared/alice@example.test/Team", "replied", "Mallory", now + 1);
    old.close();
    const store = new SqliteActivityStore(file);
    stores.push(store);
    const aliceInbox = presenceScope("alice@example.test", "imap", { namespace: "personal", path: ["INBOX"] });
    const aliceArchive = presenceScope("alice@example.test", "imap", { namespace: "personal", path: ["Archive"] });
    expect((await store.list(aliceInbox, "mid:<a@x>")).map((r) => r.actor)).toEqual(["Alice"]);
    expect((await store.list(aliceArchive, "mid:<a@x>")).map((r) => r.actor)).toEqual(["Alice"]);
    expect(await store.list(alices("INBOX"), "mid:<a@x>")).toEqual([]);
    expect(await store.list(mine("INBOX"), "mid:<a@x>")).toEqual([]);
    await store.close();
    const again = new SqliteActivityStore(file); // a second open leaves the migrated rows alone
    stores.push(again);
    expect(await again.list(aliceInbox, "mid:<a@x>")).toHaveLength(1);
  });
});

});

describe("messageKey", () => {
  it("prefers the Message-ID (it survives moves) and falls back to folder+UIDVALIDITY+UID", () => {
    expect(messageKey("<A@X>", "INBOX", "9", 4)).toBe(messageKey("<a@x>", "Archive", "1", 99));
    expect(messageKey(null, "INBOX", "9", 4)).toBe("uid:INBOX:9:4");
  });
});

describe.each(backends)("trail on $name", ({ open, run }) => {
  it.runIf(run)("records with the actor's display name and tells the reader which lines are theirs", async () => {
    const { store } = open();
    const dana = session("Dana", "sid-dana");
    const sam = session("Sam", "sid-sam");
    const msg = { uid: 3, messageId: "<m@x>" };
    await recordActivity(dana, INBOX, "INBOX", [msg], "read", undefined, store);
    await recordActivity(sam, INBOX, "INBOX", [msg], "moved", "Archive", store);
    await carryTrail(INBOX, mine("Archive"), [msg], store);
    const asDana = await readTrail(dana, INBOX, "INBOX", msg, store);
    expect(asDana.map((e) => [e.action, e.actor, e.self, e.target])).toEqual([
      ["read", "Dana", true, undefined],
      ["moved", "Sam", false, "Archive"],
    ]);
    // Found again after the move: carried along, keyed by Message-ID, not folder+UID.
    expect(await readTrail(sam, mine("Archive"), "Archive", { uid: 1, messageId: "<m@x>" }, store)).toHaveLength(2);
    // Moving back and forth does not repeat lines.
    await carryTrail(mine("Archive"), INBOX, [msg], store);
    expect(await readTrail(sam, INBOX, "INBOX", msg, store)).toHaveLength(2);
    expect(JSON.stringify(asDana)).not.toContain("sid-");
    // Dana in another browser (another session, her name): her read is still hers; Sam's move is not.
    const danaElsewhere = await readTrail(session("Dana", "sid-dana-phone"), INBOX, "INBOX", msg, store);
    expect(danaElsewhere.map((e) => e.self)).toEqual([true, false]);
    expect((await store.list(INBOX, "mid:<m@x>"))[0]!.person).toBe(personId("sid-dana"));
  });
});
