import "server-only";
import type { TrailMailbox } from "@/lib/activity/activity-store";
import type { PgDb } from "@/lib/db/pg";
import type { Assignment, AssignmentCounts, Note, TeamMember, TeamStore } from "@/lib/team/team-store";
import { LIST_LIMIT, MEMBERS_LIMIT, NOTES_LIMIT, cap, noteFromRow, toAssignment, type AssignmentRow, type NoteRowOf } from "@/lib/team/team-rows";

/*
 * Team assignments, notes and the member directory in PostgreSQL (DATABASE_URL), shared by every
 * instance: an assignment made through one is what the others read. Same rules and limits as the
 * SQLite default (lib/team/sqlite-team-store.ts); tables from migration 2 (lib/db/pg-migrations.ts).
 */

// Keys of one call, bound as one array: more than a mailbox page never comes in one request.
const MAX_KEYS = 5_000;

type NoteRow = NoteRowOf<string[]>;
const toNote = (r: NoteRow) => noteFromRow(r, r.mentions);
const uniqueKeys = (keys: string[]) => [...new Set(keys)].slice(0, MAX_KEYS);
const ASSIGNMENT_COLUMNS = "scope, message_key, folder, uid, assignee_id, assignee_login, assignee_name, by_id, by_login, by_name, at";
const NOTE_COLUMNS = "id, scope, message_key, folder, uid, author_id, author_login, author_name, body, mentions, at, edited_at";

export class PgTeamStore implements TeamStore {
  constructor(private readonly db: PgDb) {}

  async rememberMember(account: string, m: TeamMember, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO team_member (account, member_id, login, name, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account, member_id) DO UPDATE SET name = excluded.name, at = greatest(team_member.at, excluded.at)`,
      [account.toLowerCase(), m.id, m.login, m.name, at],
    );
  }

  async members(accounts: string[], limit?: number): Promise<TeamMember[]> {
    if (!accounts.length) return [];
    const lower = [...new Set(accounts.map((a) => a.toLowerCase()))].slice(0, 50);
    // A member known in several of the accounts counts once, at its latest.
    const r = await this.db.query<{ member_id: string; login: string; name: string }>(
      `SELECT member_id, login, name FROM (
         SELECT DISTINCT ON (member_id) member_id, login, name, at FROM team_member WHERE account = ANY($1::text[]) ORDER BY member_id, at DESC
       ) m ORDER BY at DESC LIMIT $2`,
      [lower, cap(limit, MEMBERS_LIMIT)],
    );
    return r.rows.map((x) => ({ id: x.member_id, login: x.login, name: x.name }));
  }

  async assign(mailbox: TrailMailbox, a: Omit<Assignment, "scope">): Promise<void> {
    await this.db.query(
      `INSERT INTO team_assignment (${ASSIGNMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (scope, message_key) DO UPDATE SET folder = excluded.folder, uid = excluded.uid, assignee_id = excluded.assignee_id,
         assignee_login = excluded.assignee_login, assignee_name = excluded.assignee_name, by_id = excluded.by_id, by_login = excluded.by_login,
         by_name = excluded.by_name, at = excluded.at`,
      [mailbox.key, a.messageKey, a.folder, a.uid, a.assignee.id, a.assignee.login, a.assignee.name, a.by.id, a.by.login, a.by.name, a.at],
    );
  }

  async unassign(mailbox: TrailMailbox, key: string): Promise<boolean> {
    return ((await this.db.query("DELETE FROM team_assignment WHERE scope = $1 AND message_key = $2", [mailbox.key, key])).rowCount ?? 0) > 0;
  }

  async assignments(mailbox: TrailMailbox, keys: string[]): Promise<Assignment[]> {
    if (!keys.length) return [];
    const r = await this.db.query<AssignmentRow>(`SELECT ${ASSIGNMENT_COLUMNS} FROM team_assignment WHERE scope = $1 AND message_key = ANY($2::text[])`, [mailbox.key, uniqueKeys(keys)]);
    return r.rows.map(toAssignment);
  }

  async listAssignments(mailbox: TrailMailbox, opts: { assigneeId?: string; limit?: number } = {}): Promise<Assignment[]> {
    const r = await this.db.query<AssignmentRow>(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM team_assignment WHERE scope = $1 AND ($2::text IS NULL OR assignee_id = $2) ORDER BY at DESC LIMIT $3`,
      [mailbox.key, opts.assigneeId ?? null, cap(opts.limit, LIST_LIMIT)],
    );
    return r.rows.map(toAssignment);
  }

  async counts(mailbox: TrailMailbox, memberId: string): Promise<AssignmentCounts> {
    const a = await this.db.query<{ assigned: number; mine: number }>(
      "SELECT count(*) AS assigned, count(*) FILTER (WHERE assignee_id = $1) AS mine FROM team_assignment WHERE scope = $2",
      [memberId, mailbox.key],
    );
    const m = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM team_note n WHERE n.scope = $1 AND n.author_id <> $2 AND n.mentions @> ARRAY[$2::text]
         AND greatest(n.at, coalesce(n.edited_at, 0)) > coalesce((SELECT at FROM team_mention_read r WHERE r.scope = n.scope AND r.member_id = $2), 0)`,
      [mailbox.key, memberId],
    );
    return { mine: a.rows[0]!.mine, assigned: a.rows[0]!.assigned, mentions: m.rows[0]!.n };
  }

  async addNote(mailbox: TrailMailbox, n: Omit<Note, "scope">): Promise<void> {
    await this.db.query(
      `INSERT INTO team_note (${NOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12)`,
      [n.id, mailbox.key, n.messageKey, n.folder, n.uid, n.author.id, n.author.login, n.author.name, n.body, n.mentions, n.at, n.editedAt ?? null],
    );
  }

  async editNote(mailbox: TrailMailbox, id: string, authorId: string, body: string, mentions: string[], at: number): Promise<Note | null> {
    const r = await this.db.query<NoteRow>(
      `UPDATE team_note SET body = $1, mentions = $2::text[], edited_at = $3 WHERE id = $4 AND scope = $5 AND author_id = $6 RETURNING ${NOTE_COLUMNS}`,
      [body, mentions, at, id, mailbox.key, authorId],
    );
    return r.rows[0] ? toNote(r.rows[0]) : null;
  }

  async deleteNote(mailbox: TrailMailbox, id: string, authorId: string): Promise<boolean> {
    return ((await this.db.query("DELETE FROM team_note WHERE id = $1 AND scope = $2 AND author_id = $3", [id, mailbox.key, authorId])).rowCount ?? 0) > 0;
  }

  async notes(mailbox: TrailMailbox, key: string, limit?: number): Promise<Note[]> {
    const r = await this.db.query<NoteRow>(
      `SELECT ${NOTE_COLUMNS} FROM (SELECT * FROM team_note WHERE scope = $1 AND message_key = $2 ORDER BY at DESC, id DESC LIMIT $3) t ORDER BY at ASC, id ASC`,
      [mailbox.key, key, cap(limit, NOTES_LIMIT)],
    );
    return r.rows.map(toNote);
  }

  async note(mailbox: TrailMailbox, id: string): Promise<Note | null> {
    const r = await this.db.query<NoteRow>(`SELECT ${NOTE_COLUMNS} FROM team_note WHERE id = $1 AND scope = $2`, [id, mailbox.key]);
    return r.rows[0] ? toNote(r.rows[0]) : null;
  }

  async markMentionsRead(mailbox: TrailMailbox, memberId: string, at: number): Promise<void> {
    await this.db.query(
      "INSERT INTO team_mention_read (scope, member_id, at) VALUES ($1, $2, $3) ON CONFLICT (scope, member_id) DO UPDATE SET at = greatest(team_mention_read.at, excluded.at)",
      [mailbox.key, memberId, at],
    );
  }

  async copy(from: string, to: TrailMailbox, keys: string[]): Promise<void> {
    if (from === to.key || !keys.length) return;
    const list = uniqueKeys(keys);
    await this.db.tx(async (c) => {
      await c.query(
        `INSERT INTO team_assignment (${ASSIGNMENT_COLUMNS})
         SELECT $1, message_key, folder, uid, assignee_id, assignee_login, assignee_name, by_id, by_login, by_name, at FROM team_assignment
         WHERE scope = $2 AND message_key = ANY($3::text[])
         ON CONFLICT (scope, message_key) DO UPDATE SET folder = excluded.folder, uid = excluded.uid, assignee_id = excluded.assignee_id,
           assignee_login = excluded.assignee_login, assignee_name = excluded.assignee_name, by_id = excluded.by_id, by_login = excluded.by_login,
           by_name = excluded.by_name, at = excluded.at`,
        [to.key, from, list],
      );
      await c.query("DELETE FROM team_assignment WHERE scope = $1 AND message_key = ANY($2::text[])", [from, list]);
      // A note keeps its id: it is the same note, now in the mailbox the message went to.
      await c.query("UPDATE team_note SET scope = $1 WHERE scope = $2 AND message_key = ANY($3::text[])", [to.key, from, list]);
    });
  }

  /** The pool is the process's (lib/db/backend.ts), ended at shutdown. */
  async close(): Promise<void> {}
}
