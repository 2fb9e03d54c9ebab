import "server-only";
import { randomUUID } from "node:crypto";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore, MessageMeta } from "@/lib/mail/store";
import { MailroomError } from "@/lib/errors";
import { Lru } from "@/lib/lru";
import { appDb } from "@/lib/app-db";
import { messageKey, type TrailMailbox } from "@/lib/activity/activity-store";
import { recordActivity } from "@/lib/activity/trail";
import { scopeFor } from "@/lib/presence/access";
import { personId } from "@/lib/presence/scope";
import { collabHub, collabTopic } from "@/lib/realtime/collab-hub";
import { SqliteTeamStore } from "@/lib/team/sqlite-team-store";
import { PgTeamStore } from "@/lib/team/pg-team-store";
import { chooseStore } from "@/lib/db/backend";
import type { Assignment, Note, TeamMember, TeamStore } from "@/lib/team/team-store";
import { findMentions, member } from "@/lib/team/member";
import { teamCandidates } from "@/lib/team/candidates";
import { NOTE_MAX_CHARS, type AssignmentView, type MessageTeamResponse, type NoteView, type TeamPerson } from "@/lib/shared/team-types";

/*
 * Team work on a mailbox, for the routes: assign, notes, what the rows and the reading pane show.
 * Every function takes the folder as the session names it and works in the mailbox scopeFor says it
 * is (never one a client names), so whoever can open the mailbox can read and write its team data,
 * and nobody else. Changes are told to every browser on the mailbox ("team" event) and written to
 * the activity trail.
 */

/** The store: PostgreSQL when DATABASE_URL is set (lib/db/backend.ts), else SQLite in app.sqlite. */
export function teamStore(): TeamStore {
  const g = globalThis as Record<string, unknown>;
  return (g.__mailroomTeamStore ??= chooseStore<TeamStore>(() => new SqliteTeamStore(appDb()), (db) => new PgTeamStore(db))) as TeamStore;
}

export const sessionMember = (s: MailSession): TeamMember => member(s.email, s.name);

// One directory write per person and mailbox per minute, however many requests they make.
const remembered = ((globalThis as Record<string, unknown>).__mailroomTeamSeen ??= new Lru<string, true>(10_000, 60_000)) as Lru<string, true>;

/**
 * Adds the person to the Assign list of the account they signed in to and of the mailbox they work in
 * (for an ACL-shared folder the owner's colleagues find them there, whatever their own login).
 */
export async function rememberWorker(session: MailSession, scope: TrailMailbox, store: TeamStore = teamStore()): Promise<void> {
  const me = sessionMember(session);
  const k = `${scope.key}\n${me.id}`;
  if (remembered.get(k)) return;
  remembered.set(k, true);
  const at = Date.now();
  await store.rememberMember(session.email, me, at);
  await store.rememberMember(scope.key, me, at);
}

export function toPerson(m: TeamMember, session: MailSession, detail = false): TeamPerson {
  return { id: m.id, name: m.name, self: m.id === sessionMember(session).id, ...(detail ? { detail: m.login } : {}) };
}

/** People for a list: a login is shown only where two people share a display name. */
export function toPeople(members: TeamMember[], session: MailSession): TeamPerson[] {
  const names = new Map<string, number>();
  for (const m of members) names.set(m.name.toLowerCase(), (names.get(m.name.toLowerCase()) ?? 0) + 1);
  return members.map((m) => toPerson(m, session, (names.get(m.name.toLowerCase()) ?? 0) > 1));
}

interface Target {
  scope: TrailMailbox;
  meta: MessageMeta;
  key: string;
}

/** The message a team action is about; `act`: the person acts on it (a POST), so they work in this mailbox. */
async function target(session: MailSession, store: MailStore, folder: string, uid: number, act = true): Promise<Target> {
  const scope = await scopeFor(session, store, folder);
  const [meta] = await store.describe(folder, [uid]);
  if (!meta) throw new MailroomError("MESSAGE_GONE", "This message was moved or deleted by someone else.");
  if (act) await rememberWorker(session, scope).catch(() => {});
  return { scope, meta, key: messageKey(meta.messageId, folder, meta.uidValidity, uid) };
}

function tell(scope: TrailMailbox, session: MailSession, uid: number, what: "assignment" | "note"): void {
  collabHub().publish(collabTopic(scope.key), { type: "team", uids: [uid], what, person: personId(session.sid) });
}

const assignmentView = (a: Assignment, session: MailSession): AssignmentView => ({ assignee: toPerson(a.assignee, session), by: toPerson(a.by, session), at: new Date(a.at).toISOString() });

const noteView = (n: Note, session: MailSession): NoteView => ({
  id: n.id,
  author: toPerson(n.author, session),
  body: n.body,
  mentionsMe: n.mentions.includes(sessionMember(session).id),
  at: new Date(n.at).toISOString(),
  ...(n.editedAt !== undefined ? { editedAt: new Date(n.editedAt).toISOString() } : {}),
});

/** Assigns the message to a person who can work in the mailbox, or (null) clears its assignment. */
export async function assignMessage(session: MailSession, store: MailStore, folder: string, uid: number, assigneeId: string | null, team: TeamStore = teamStore()): Promise<AssignmentView | null> {
  const t = await target(session, store, folder, uid);
  if (assigneeId === null) {
    if (await team.unassign(t.scope, t.key)) {
      await recordActivity(session, t.scope, folder, [t.meta], "unassigned");
      tell(t.scope, session, uid, "assignment");
    }
    return null;
  }
  const people = await teamCandidates(session, store, folder, t.scope, team);
  const assignee = people.find((p) => p.id === assigneeId);
  if (!assignee) throw new MailroomError("NOT_A_TEAM_MEMBER", "That person can't work in this mailbox. Choose someone from the list.");
  const a: Assignment = { scope: t.scope.key, messageKey: t.key, folder, uid, assignee, by: sessionMember(session), at: Date.now() };
  await team.assign(t.scope, a);
  await recordActivity(session, t.scope, folder, [t.meta], "assigned", assignee.name);
  tell(t.scope, session, uid, "assignment");
  return assignmentView(a, session);
}

function cleanBody(body: string): string {
  const text = body.replace(/\r\n?/g, "\n").trim();
  if (!text) throw new MailroomError("BAD_REQUEST", "Write something in the note first.");
  if (text.length > NOTE_MAX_CHARS) throw new MailroomError("NOTE_TOO_LONG", `A note can be at most ${NOTE_MAX_CHARS} characters.`);
  return text;
}

/**
 * The message's assignment and notes. A read changes nothing (a GET): a browser that shows a note
 * mentioning the person then says so with POST /api/team/views (markMentionsSeen).
 */
export async function readMessageTeam(session: MailSession, store: MailStore, folder: string, uid: number, team: TeamStore = teamStore()): Promise<MessageTeamResponse> {
  const t = await target(session, store, folder, uid, false);
  const [[a], notes] = await Promise.all([team.assignments(t.scope, [t.key]), team.notes(t.scope, t.key)]);
  return { assignment: a ? assignmentView(a, session) : null, notes: notes.map((n) => noteView(n, session)) };
}

export async function addNote(session: MailSession, store: MailStore, folder: string, uid: number, body: string, team: TeamStore = teamStore()): Promise<NoteView> {
  const text = cleanBody(body);
  const t = await target(session, store, folder, uid);
  const mentions = text.includes("@") ? findMentions(text, await teamCandidates(session, store, folder, t.scope, team)) : [];
  const note: Note = { id: randomUUID(), scope: t.scope.key, messageKey: t.key, folder, uid, author: sessionMember(session), body: text, mentions, at: Date.now() };
  await team.addNote(t.scope, note);
  await recordActivity(session, t.scope, folder, [t.meta], "noted");
  tell(t.scope, session, uid, "note");
  return noteView(note, session);
}

/** A note of this message that the session wrote, or the reason it can't be changed. */
async function ownNote(session: MailSession, t: Target, id: string, team: TeamStore): Promise<Note> {
  const note = await team.note(t.scope, id);
  if (!note || note.messageKey !== t.key) throw new MailroomError("NOT_FOUND", "That note was deleted.");
  if (note.author.id !== sessionMember(session).id) throw new MailroomError("FORBIDDEN", "Only the person who wrote a note can change or delete it.");
  return note;
}

export async function editNote(session: MailSession, store: MailStore, folder: string, uid: number, id: string, body: string, team: TeamStore = teamStore()): Promise<NoteView> {
  const text = cleanBody(body);
  const t = await target(session, store, folder, uid);
  await ownNote(session, t, id, team);
  const mentions = text.includes("@") ? findMentions(text, await teamCandidates(session, store, folder, t.scope, team)) : [];
  const updated = await team.editNote(t.scope, id, sessionMember(session).id, text, mentions, Date.now());
  if (!updated) throw new MailroomError("NOT_FOUND", "That note was deleted.");
  tell(t.scope, session, uid, "note");
  return noteView(updated, session);
}

export async function deleteNote(session: MailSession, store: MailStore, folder: string, uid: number, id: string, team: TeamStore = teamStore()): Promise<void> {
  const t = await target(session, store, folder, uid);
  await ownNote(session, t, id, team);
  await team.deleteNote(t.scope, id, sessionMember(session).id);
  tell(t.scope, session, uid, "note");
}
