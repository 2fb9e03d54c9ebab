import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore, MessageMeta } from "@/lib/mail/store";
import type { Folder } from "@/lib/shared/types";
import { presenceScope } from "@/lib/presence/scope";

// The mailbox every call lands in, whatever folder name the client sends (scopeFor is the server's word).
const SCOPE = presenceScope("support@example.test", "imap", { namespace: "personal", path: ["INBOX"] });
vi.mock("@/lib/presence/access", () => ({ scopeFor: async () => SCOPE }));
const trail: string[] = [];
vi.mock("@/lib/activity/trail", () => ({
  recordActivity: async (s: MailSession, _scope: unknown, _f: string, _m: unknown, action: string, target?: string) => void trail.push(`${s.name} ${action}${target ? ` ${target}` : ""}`),
}));
const events: unknown[] = [];
vi.mock("@/lib/realtime/collab-hub", () => ({ collabHub: () => ({ publish: (_t: string, e: unknown) => void events.push(e) }), collabTopic: (s: string) => `collab|${s}` }));

const { SqliteTeamStore } = await import("@/lib/team/sqlite-team-store");
const { addNote, assignMessage, deleteNote, editNote, readMessageTeam } = await import("@/lib/team/team");
const { joinMailbox, markMentionsSeen, rowsTeam, teamMembers } = await import("@/lib/team/team-views");

const session = (name: string, email = "support@example.test"): MailSession => ({ email, name, sid: `sid-${name}`, protocol: "imap", creds: { user: email, password: "x" } });
const ana = session("Ana");
const ben = session("Ben");

function fakeMail(): MailStore {
  const metas: MessageMeta[] = [{ uid: 7, messageId: "<seven@x>", uidValidity: "1", seen: false, flagged: false, answered: false }];
  const folders: Folder[] = [{ path: "INBOX", name: "INBOX", delimiter: "/", specialUse: "inbox", selectable: true, shared: false, depth: 0, total: 3, unread: 0 } as unknown as Folder];
  return {
    describe: async (folder: string, uids: number[]) => {
      if (folder !== "INBOX") throw Object.assign(new Error("no folder"), { code: "NOT_FOUND" });
      return metas.filter((m) => uids.includes(m.uid));
    },
    listFolders: async () => folders,
  } as unknown as MailStore;
}

let db: Database.Database;
let team: InstanceType<typeof SqliteTeamStore>;
beforeEach(() => {
  db = new Database(":memory:");
  team = new SqliteTeamStore(db);
  trail.length = 0;
  events.length = 0;
});
afterEach(() => db.close());

describe("team work on a mailbox", () => {
  it("offers everyone who worked in the mailbox, and assigns only to them, with a trail line and a live event", async () => {
    const mail = fakeMail();
    // Reading changes nothing (GETs): Fay reads the rows, the Assign list and a message's notes, and is not offered.
    const fay = session("Fay");
    await rowsTeam(fay, mail, "INBOX", [7], team);
    await teamMembers(fay, mail, "INBOX", team);
    await readMessageTeam(fay, mail, "INBOX", 7, team);
    await joinMailbox(ben, mail, "INBOX", team); // Ben's browser shows the list and says so: he is now in the Assign list
    const { members } = await teamMembers(ana, mail, "INBOX", team);
    expect(members.map((m) => [m.name, m.self])).toEqual([["Ana", true], ["Ben", false]]);
    const benId = members.find((m) => m.name === "Ben")!.id;
    await expect(assignMessage(ana, mail, "INBOX", 7, "not-a-member", team)).rejects.toMatchObject({ code: "NOT_A_TEAM_MEMBER" });
    const a = await assignMessage(ana, mail, "INBOX", 7, benId, team);
    expect(a).toMatchObject({ assignee: { name: "Ben", self: false }, by: { name: "Ana", self: true } });
    expect(trail).toEqual(["Ana assigned Ben"]);
    expect(events).toEqual([expect.objectContaining({ type: "team", what: "assignment", uids: [7] })]);
    // Ben's rows show it as his, with the counts.
    const rows = await rowsTeam(ben, mail, "INBOX", [7], team);
    expect(rows.assignments).toEqual([{ uid: 7, assignee: expect.objectContaining({ name: "Ben", self: true }) }]);
    expect(rows.counts).toMatchObject({ mine: 1, assigned: 1 });
    await assignMessage(ben, mail, "INBOX", 7, null, team);
    expect((await rowsTeam(ben, mail, "INBOX", [7], team)).assignments).toEqual([]);
    expect(trail).toContain("Ben unassigned");
  });

  it("keeps notes to their author, caps their length, and clears a mention once read", async () => {
    const mail = fakeMail();
    // Other people than the first test's: the directory write is skipped for a minute per person (in memory).
    const ana = session("Cy");
    const ben = session("Dee");
    await joinMailbox(ben, mail, "INBOX", team);
    await expect(addNote(ana, mail, "INBOX", 7, "x".repeat(5000), team)).rejects.toMatchObject({ code: "NOTE_TOO_LONG" });
    await expect(addNote(ana, mail, "INBOX", 7, "   ", team)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const note = await addNote(ana, mail, "INBOX", 7, "@Dee please look", team);
    expect(trail).toEqual(["Cy noted"]);
    expect((await rowsTeam(ben, mail, "INBOX", [7], team)).counts.mentions).toBe(1);
    await expect(editNote(ben, mail, "INBOX", 7, note.id, "mine now", team)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteNote(ben, mail, "INBOX", 7, note.id, team)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const read = await readMessageTeam(ben, mail, "INBOX", 7, team);
    expect(read.notes).toEqual([expect.objectContaining({ body: "@Dee please look", mentionsMe: true, author: expect.objectContaining({ name: "Cy" }) })]);
    // Reading it changes nothing; the browser that showed it then says the mention was seen (a POST).
    expect((await rowsTeam(ben, mail, "INBOX", [7], team)).counts.mentions).toBe(1);
    await markMentionsSeen(ben, mail, "INBOX", team);
    expect((await rowsTeam(ben, mail, "INBOX", [7], team)).counts.mentions).toBe(0);
    expect((await editNote(ana, mail, "INBOX", 7, note.id, "done", team)).body).toBe("done");
    await deleteNote(ana, mail, "INBOX", 7, note.id, team);
    expect((await readMessageTeam(ana, mail, "INBOX", 7, team)).notes).toEqual([]);
  });

  it("refuses a folder that does not exist", async () => {
    await expect(teamMembers(ana, fakeMail(), "No such", team)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rowsTeam(ana, fakeMail(), "No such", [], team)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
