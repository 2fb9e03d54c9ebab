import "server-only";
import type Database from "better-sqlite3";
import type { TrailMailbox } from "@/lib/activity/activity-store";
import type { Assignment, AssignmentCounts, Note, TeamMember, TeamStore } from "@/lib/team/team-store";
import { LIST_LIMIT, MEMBERS_LIMIT, NOTES_LIMIT, cap, noteFromRow, toAssignment, type AssignmentRow, type NoteRowOf } from "@/lib/team/team-rows";

type NoteRow = NoteRowOf<string>;
const toNote = (r: NoteRow) => noteFromRow(r, JSON.parse(r.mentions) as string[]);

// SQLite caps bound parameters: lists of keys go in slices.
function* slices<T>(items: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

/** The team tables in app.sqlite (lib/app-db.ts); any better-sqlite3 handle in tests. */
export class SqliteTeamStore implements TeamStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS team_member (
        account TEXT NOT NULL, member_id TEXT NOT NULL, login TEXT NOT NULL, name TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (account, member_id)
      );
      CREATE INDEX IF NOT EXISTS team_member_by_time ON team_member (account, at);
      CREATE TABLE IF NOT EXISTS team_assignment (
        scope TEXT NOT NULL, message_key TEXT NOT NULL, folder TEXT NOT NULL, uid INTEGER NOT NULL,
        assignee_id TEXT NOT NULL, assignee_login TEXT NOT NULL, assignee_name TEXT NOT NULL,
        by_id TEXT NOT NULL, by_login TEXT NOT NULL, by_name TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (scope, message_key)
      );
      CREATE INDEX IF NOT EXISTS team_assignment_by_assignee ON team_assignment (scope, assignee_id, at);
      CREATE TABLE IF NOT EXISTS team_note (
        id TEXT PRIMARY KEY, scope TEXT NOT NULL, message_key TEXT NOT NULL, folder TEXT NOT NULL, uid INTEGER NOT NULL,
        author_id TEXT NOT NULL, author_login TEXT NOT NULL, author_name TEXT NOT NULL,
        body TEXT NOT NULL, mentions TEXT NOT NULL, at INTEGER NOT NULL, edited_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS team_note_by_message ON team_note (scope, message_key, at);
      CREATE TABLE IF NOT EXISTS team_mention_read (
        scope TEXT NOT NULL, member_id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (scope, member_id)
      );
    `);
  }

  async rememberMember(account: string, m: TeamMember, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO team_member (account, member_id, login, name, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account, member_id) DO UPDATE SET name = excluded.name, at = MAX(team_member.at, excluded.at)`,
      )
      .run(account.toLowerCase(), m.id, m.login, m.name, at);
  }

  async members(accounts: string[], limit?: number): Promise<TeamMember[]> {
    if (!accounts.length) return [];
    const lower = [...new Set(accounts.map((a) => a.toLowerCase()))].slice(0, 50);
    const rows = this.db
      .prepare(
        `SELECT member_id, login, name, MAX(at) AS at FROM team_member WHERE account IN (${marks(lower.length)})
         GROUP BY member_id ORDER BY at DESC LIMIT ?`,
      )
      .all(...lower, cap(limit, MEMBERS_LIMIT)) as { member_id: string; login: string; name: string }[];
    return rows.map((r) => ({ id: r.member_id, login: r.login, name: r.name }));
  }

  async assign(mailbox: TrailMailbox, a: Omit<Assignment, "scope">): Promise<void> {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO team_assignment (scope, message_key, folder, uid, assignee_id, assignee_login, assignee_name, by_id, by_login, by_name, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(mailbox.key, a.messageKey, a.folder, a.uid, a.assignee.id, a.assignee.login, a.assignee.name, a.by.id, a.by.login, a.by.name, a.at);
  }

  async unassign(mailbox: TrailMailbox, key: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM team_assignment WHERE scope = ? AND message_key = ?").run(mailbox.key, key).changes > 0;
  }

  async assignments(mailbox: TrailMailbox, keys: string[]): Promise<Assignment[]> {
    const out: Assignment[] = [];
    for (const slice of slices([...new Set(keys)])) {
      const rows = this.db.prepare(`SELECT * FROM team_assignment WHERE scope = ? AND message_key IN (${marks(slice.length)})`).all(mailbox.key, ...slice) as AssignmentRow[];
      out.push(...rows.map(toAssignment));
    }
    return out;
  }

  async listAssignments(mailbox: TrailMailbox, opts: { assigneeId?: string; limit?: number } = {}): Promise<Assignment[]> {
    const limit = cap(opts.limit, LIST_LIMIT);
    const rows = (
      opts.assigneeId === undefined
        ? this.db.prepare("SELECT * FROM team_assignment WHERE scope = ? ORDER BY at DESC LIMIT ?").all(mailbox.key, limit)
        : this.db.prepare("SELECT * FROM team_assignment WHERE scope = ? AND assignee_id = ? ORDER BY at DESC LIMIT ?").all(mailbox.key, opts.assigneeId, limit)
    ) as AssignmentRow[];
    return rows.map(toAssignment);
  }

  async counts(mailbox: TrailMailbox, memberId: string): Promise<AssignmentCounts> {
    const a = this.db
      .prepare("SELECT COUNT(*) AS assigned, COALESCE(SUM(assignee_id = ?), 0) AS mine FROM team_assignment WHERE scope = ?")
      .get(memberId, mailbox.key) as { assigned: number; mine: number };
    const m = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM team_note n WHERE n.scope = ? AND n.author_id <> ?
           AND EXISTS (SELECT 1 FROM json_each(n.mentions) WHERE value = ?)
           AND MAX(n.at, COALESCE(n.edited_at, 0)) > COALESCE((SELECT at FROM team_mention_read r WHERE r.scope = n.scope AND r.member_id = ?), 0)`,
      )
      .get(mailbox.key, memberId, memberId, memberId) as { n: number };
    return { mine: a.mine, assigned: a.assigned, mentions: m.n };
  }

  async addNote(mailbox: TrailMailbox, n: Omit<Note, "scope">): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO team_note (id, scope, message_key, folder, uid, author_id, author_login, author_name, body, mentions, at, edited_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(n.id, mailbox.key, n.messageKey, n.folder, n.uid, n.author.id, n.author.login, n.author.name, n.body, JSON.stringify(n.mentions), n.at, n.editedAt ?? null);
  }

  async editNote(mailbox: TrailMailbox, id: string, authorId: string, body: string, mentions: string[], at: number): Promise<Note | null> {
    const changed = this.db
      .prepare("UPDATE team_note SET body = ?, mentions = ?, edited_at = ? WHERE id = ? AND scope = ? AND author_id = ?")
      .run(body, JSON.stringify(mentions), at, id, mailbox.key, authorId).changes;
    return changed ? this.note(mailbox, id) : null;
  }

  async deleteNote(mailbox: TrailMailbox, id: string, authorId: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM team_note WHERE id = ? AND scope = ? AND author_id = ?").run(id, mailbox.key, authorId).changes > 0;
  }

  async notes(mailbox: TrailMailbox, key: string, limit?: number): Promise<Note[]> {
    const rows = this.db
      .prepare("SELECT * FROM (SELECT * FROM team_note WHERE scope = ? AND message_key = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at ASC, id ASC")
      .all(mailbox.key, key, cap(limit, NOTES_LIMIT)) as NoteRow[];
    return rows.map(toNote);
  }

  async note(mailbox: TrailMailbox, id: string): Promise<Note | null> {
    const row = this.db.prepare("SELECT * FROM team_note WHERE id = ? AND scope = ?").get(id, mailbox.key) as NoteRow | undefined;
    return row ? toNote(row) : null;
  }

  async markMentionsRead(mailbox: TrailMailbox, memberId: string, at: number): Promise<void> {
    this.db
      .prepare("INSERT INTO team_mention_read (scope, member_id, at) VALUES (?, ?, ?) ON CONFLICT (scope, member_id) DO UPDATE SET at = MAX(at, excluded.at)")
      .run(mailbox.key, memberId, at);
  }

  async copy(from: string, to: TrailMailbox, keys: string[]): Promise<void> {
    if (from === to.key || !keys.length) return;
    this.db.transaction(() => {
      for (const slice of slices([...new Set(keys)])) {
        const inKeys = `message_key IN (${marks(slice.length)})`;
        this.db.prepare(`INSERT OR REPLACE INTO team_assignment SELECT ?, message_key, folder, uid, assignee_id, assignee_login, assignee_name, by_id, by_login, by_name, at FROM team_assignment WHERE scope = ? AND ${inKeys}`).run(to.key, from, ...slice);
        this.db.prepare(`DELETE FROM team_assignment WHERE scope = ? AND ${inKeys}`).run(from, ...slice);
        // A note keeps its id: it is the same note, now in the mailbox the message went to.
        this.db.prepare(`UPDATE team_note SET scope = ? WHERE scope = ? AND ${inKeys}`).run(to.key, from, ...slice);
      }
    })();
  }

  async close(): Promise<void> {
    // The handle is app.sqlite's, shared with other features: lib/app-db.ts closes it.
  }
}
