import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteTeamStore } from "@/lib/team/sqlite-team-store";
import { PgTeamStore } from "@/lib/team/pg-team-store";
import { member } from "@/lib/team/member";
import { messageKey } from "@/lib/activity/activity-store";
import { presenceScope } from "@/lib/presence/scope";
import type { Note, TeamStore } from "@/lib/team/team-store";
import { PgDb } from "@/lib/db/pg";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

const dbs: Database.Database[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  await dropTestSchemas();
});

// The same suite against both TeamStore backends: SQLite (the default, in app.sqlite) and the real PostgreSQL.
const backends: { name: string; pg: boolean; run: boolean; open(): TeamStore }[] = [
  {
    name: "SqliteTeamStore",
    pg: false,
    run: true,
    open() {
      const db = new Database(":memory:");
      dbs.push(db);
      return new SqliteTeamStore(db);
    },
  },
  {
    name: TEST_PG_URL ? "PgTeamStore" : "PgTeamStore (skipped: TEST_DATABASE_URL unset, run scripts/test.sh)",
    pg: true,
    run: !!TEST_PG_URL,
    open: () => new PgTeamStore(freshPg()),
  },
];

// One login shared by two people (support@), told apart by display name (lib/team/member.ts).
const support = (folder: string) => presenceScope("support@example.test", "imap", { namespace: "personal", path: [folder] });
const INBOX = support("INBOX");
const ARCHIVE = support("Archive");
const ana = member("support@example.test", "Ana");
const ben = member("support@example.test", "Ben");
const k1 = messageKey("<one@x>", "INBOX", null, 1);
const k2 = messageKey("<two@x>", "INBOX", null, 2);

const note = (id: string, key: string, author = ana, body = "hello", mentions: string[] = [], at = 1000): Omit<Note, "scope"> => ({ id, messageKey: key, folder: "INBOX", uid: 1, author, body, mentions, at });

describe.each(backends)("$name", ({ open, run, pg }) => {
describe.runIf(run)("team store", () => {
  it("assigns, replaces and clears an assignment per mailbox and message", async () => {
    const s = open();
    await s.assign(INBOX, { messageKey: k1, folder: "INBOX", uid: 1, assignee: ben, by: ana, at: 1 });
    expect((await s.assignments(INBOX, [k1, k2])).map((a) => a.assignee.name)).toEqual(["Ben"]);
    await s.assign(INBOX, { messageKey: k1, folder: "INBOX", uid: 1, assignee: ana, by: ben, at: 2 });
    const [a] = await s.assignments(INBOX, [k1]);
    expect(a).toMatchObject({ scope: INBOX.key, assignee: { id: ana.id, name: "Ana" }, by: { id: ben.id } });
    // Another mailbox with the same Message-ID sees nothing.
    expect(await s.assignments(ARCHIVE, [k1])).toEqual([]);
    expect(await s.unassign(INBOX, k1)).toBe(true);
    expect(await s.unassign(INBOX, k1)).toBe(false);
    expect(await s.assignments(INBOX, [k1])).toEqual([]);
  });

  it("counts mine and assigned, and lists an assignee's messages", async () => {
    const s = open();
    await s.assign(INBOX, { messageKey: k1, folder: "INBOX", uid: 1, assignee: ben, by: ana, at: 1 });
    await s.assign(INBOX, { messageKey: k2, folder: "INBOX", uid: 2, assignee: ana, by: ana, at: 2 });
    expect(await s.counts(INBOX, ben.id)).toEqual({ mine: 1, assigned: 2, mentions: 0 });
    expect(await s.counts(ARCHIVE, ben.id)).toEqual({ mine: 0, assigned: 0, mentions: 0 });
    expect((await s.listAssignments(INBOX, { assigneeId: ana.id })).map((a) => a.messageKey)).toEqual([k2]);
    expect((await s.listAssignments(INBOX)).map((a) => a.messageKey)).toEqual([k2, k1]);
    expect((await s.listAssignments(INBOX, { limit: 1 })).length).toBe(1);
  });

  it("lets only the author edit or delete a note, and keeps notes to their mailbox", async () => {
    const s = open();
    const id = "11111111-1111-4111-8111-111111111111";
    await s.addNote(INBOX, note(id, k1));
    expect(await s.editNote(INBOX, id, ben.id, "hijacked", [], 2000)).toBeNull();
    expect(await s.deleteNote(INBOX, id, ben.id)).toBe(false);
    const edited = await s.editNote(INBOX, id, ana.id, "better", [ben.id], 2000);
    expect(edited).toMatchObject({ body: "better", mentions: [ben.id], editedAt: 2000, author: { name: "Ana" } });
    // Not reachable from another mailbox, even by id.
    expect(await s.note(ARCHIVE, id)).toBeNull();
    expect(await s.deleteNote(ARCHIVE, id, ana.id)).toBe(false);
    expect(await s.deleteNote(INBOX, id, ana.id)).toBe(true);
    expect(await s.notes(INBOX, k1)).toEqual([]);
  });

  it("lists a message's newest notes, oldest first", async () => {
    const s = open();
    for (let i = 0; i < 5; i++) await s.addNote(INBOX, note(`n${i}`, k1, ana, `note ${i}`, [], 1000 + i));
    expect((await s.notes(INBOX, k1)).map((n) => n.body)).toEqual(["note 0", "note 1", "note 2", "note 3", "note 4"]);
    expect((await s.notes(INBOX, k1, 2)).map((n) => n.body)).toEqual(["note 3", "note 4"]);
  });

  it("counts unread mentions, not the author's own, until marked read", async () => {
    const s = open();
    await s.addNote(INBOX, note("a", k1, ana, "@Ben look", [ben.id], 1000));
    await s.addNote(INBOX, note("b", k2, ben, "@Ben note to self", [ben.id], 1100));
    expect((await s.counts(INBOX, ben.id)).mentions).toBe(1);
    await s.markMentionsRead(INBOX, ben.id, 1500);
    expect((await s.counts(INBOX, ben.id)).mentions).toBe(0);
    await s.markMentionsRead(INBOX, ben.id, 1200); // an older mark does not bring them back
    expect((await s.counts(INBOX, ben.id)).mentions).toBe(0);
    await s.addNote(INBOX, note("c", k1, ana, "@Ben again", [ben.id], 2000));
    expect((await s.counts(INBOX, ben.id)).mentions).toBe(1);
  });

  it("moves a message's assignment and notes with it, leaving the others", async () => {
    const s = open();
    await s.assign(INBOX, { messageKey: k1, folder: "INBOX", uid: 1, assignee: ben, by: ana, at: 1 });
    await s.assign(INBOX, { messageKey: k2, folder: "INBOX", uid: 2, assignee: ana, by: ana, at: 1 });
    await s.assign(ARCHIVE, { messageKey: k1, folder: "Archive", uid: 9, assignee: ana, by: ana, at: 0 });
    await s.addNote(INBOX, note("n1", k1));
    await s.copy(INBOX.key, ARCHIVE, [k1, k1]);
    expect((await s.assignments(ARCHIVE, [k1]))[0]?.assignee.name).toBe("Ben"); // replaced
    expect((await s.notes(ARCHIVE, k1)).map((n) => n.id)).toEqual(["n1"]);
    expect(await s.assignments(INBOX, [k1])).toEqual([]);
    expect(await s.notes(INBOX, k1)).toEqual([]);
    expect((await s.assignments(INBOX, [k2])).length).toBe(1);
  });

  it("keeps a member directory per account, most recent first and bounded", async () => {
    const s = open();
    await s.rememberMember("support@example.test", ana, 1);
    await s.rememberMember("support@example.test", ben, 2);
    await s.rememberMember(INBOX.key, member("bob@example.test", "Bob P"), 3);
    await s.rememberMember(INBOX.key, ana, 0); // known in two accounts: once, at its latest
    expect((await s.members(["support@example.test"])).map((m) => m.name)).toEqual(["Ben", "Ana"]);
    expect((await s.members(["SUPPORT@example.test", INBOX.key])).map((m) => m.name)).toEqual(["Bob P", "Ben", "Ana"]);
    expect(await s.members(["support@example.test"], 1)).toHaveLength(1);
    expect(await s.members([])).toEqual([]);
  });

  // What only a shared database shows.
  it.runIf(pg)("two instances (two pools on one database) see each other's assignments and notes at once", async () => {
    const a = freshPg();
    const b = new PgDb({ url: TEST_PG_URL, schema: a.schema! });
    try {
      await new PgTeamStore(a).assign(INBOX, { messageKey: k1, folder: "INBOX", uid: 1, assignee: ben, by: ana, at: 1 });
      await new PgTeamStore(a).addNote(INBOX, note("x", k1, ana, "@Ben yours", [ben.id]));
      const other = new PgTeamStore(b);
      expect((await other.assignments(INBOX, [k1]))[0]?.assignee.id).toBe(ben.id);
      expect(await other.counts(INBOX, ben.id)).toEqual({ mine: 1, assigned: 1, mentions: 1 });
    } finally {
      await b.close();
    }
  });
});
});
