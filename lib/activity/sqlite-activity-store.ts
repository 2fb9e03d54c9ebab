import "server-only";
import type { ActivityAction } from "@/lib/shared/collab-types";
import Database from "better-sqlite3";
import type { ActivityRecord, ActivityStore, TrailMailbox } from "@/lib/activity/activity-store";
import { openPrivateDatabase } from "@/lib/cache/private-file";
import { RETENTION_MS, toRecord, type ActivityRow as Row } from "@/lib/activity/activity-row";

// Old lines (see migrate) are read in the owner's personal mailboxes only; a shared one reads its own key twice.
const legacyScope = (m: TrailMailbox) => (m.shared ? m.key : `legacy:${m.owner}`);

/** The trail in its own SQLite file (WAL), apart from the POP3 cache so neither schema waits on the other. */
export class SqliteActivityStore implements ActivityStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertMany: (rows: ActivityRecord[]) => void;

  constructor(file: string, now: () => number = Date.now) {
    this.db = openPrivateDatabase(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS activity (
        id INTEGER PRIMARY KEY,
        scope TEXT,
        account TEXT NOT NULL,
        message_key TEXT NOT NULL,
        folder TEXT NOT NULL,
        uid INTEGER NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        person TEXT NOT NULL,
        target TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS activity_by_time ON activity (at);
    `);
    this.migrate();
    this.db.prepare("DELETE FROM activity WHERE at < ?").run(now() - RETENTION_MS);
    this.insert = this.db.prepare(
      "INSERT INTO activity (scope, account, message_key, folder, uid, action, actor, person, target, at) VALUES (@scope, @account, @messageKey, @folder, @uid, @action, @actor, @person, @target, @at)",
    );
    this.insertMany = this.db.transaction((rows: ActivityRecord[]) => {
      for (const r of rows) this.insert.run({ ...r, target: r.target ?? null });
    });
  }

  /*
   * Before the trail was kept per mailbox, lines were keyed by owner + Message-ID, the owner read from a
   * "shared/<owner>/..." folder name, which any session could make up (a POP3 cache's local folder).
   * Lines recorded under such a path cannot be told from planted ones: they are dropped. All other old
   * lines were written by the owner's own sessions in their own folders: they stay readable in the
   * owner's personal mailboxes (scope "legacy:<owner>"), as before, and nowhere else.
   */
  private migrate(): void {
    const columns = this.db.prepare("PRAGMA table_info(activity)").all() as { name: string }[];
    if (!columns.some((c) => c.name === "scope")) {
      this.db.transaction(() => {
        this.db.exec("ALTER TABLE activity ADD COLUMN scope TEXT");
        this.db.exec("DELETE FROM activity WHERE folder LIKE 'shared/%'");
        this.db.exec("UPDATE activity SET scope = 'legacy:' || account WHERE scope IS NULL");
        this.db.exec("DROP INDEX IF EXISTS activity_by_message");
      })();
    }
    this.db.exec("CREATE INDEX IF NOT EXISTS activity_by_scope ON activity (scope, message_key, at)");
  }

  async record(rows: ActivityRecord[]): Promise<void> {
    if (rows.length) this.insertMany(rows);
  }

  async list(mailbox: TrailMailbox, key: string, limit = 200): Promise<ActivityRecord[]> {
    // The newest `limit`, returned oldest first.
    const rows = this.db
      .prepare("SELECT * FROM (SELECT * FROM activity WHERE scope IN (?, ?) AND message_key = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at ASC, id ASC")
      .all(mailbox.key, legacyScope(mailbox), key, limit) as Row[];
    return rows.map(toRecord);
  }

  async latest(mailbox: TrailMailbox, key: string, action: ActivityAction, person?: string): Promise<ActivityRecord | null> {
    const where = "scope IN (?, ?) AND message_key = ? AND action = ?";
    const row = (
      person === undefined
        ? this.db.prepare(`SELECT * FROM activity WHERE ${where} ORDER BY at DESC, id DESC LIMIT 1`).get(mailbox.key, legacyScope(mailbox), key, action)
        : this.db.prepare(`SELECT * FROM activity WHERE ${where} AND person = ? ORDER BY at DESC, id DESC LIMIT 1`).get(mailbox.key, legacyScope(mailbox), key, action, person)
    ) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async copy(from: string, to: TrailMailbox, keys: string[]): Promise<void> {
    if (from === to.key || !keys.length) return;
    this.db.transaction(() => {
      // In slices: SQLite caps the number of bound parameters.
      for (let i = 0; i < keys.length; i += 500) {
        const slice = keys.slice(i, i + 500);
        this.db
          .prepare(
            `INSERT INTO activity (scope, account, message_key, folder, uid, action, actor, person, target, at)
             SELECT ?, ?, a.message_key, a.folder, a.uid, a.action, a.actor, a.person, a.target, a.at FROM activity a
             WHERE a.scope = ? AND a.message_key IN (${slice.map(() => "?").join(",")})
               AND NOT EXISTS (SELECT 1 FROM activity b WHERE b.scope = ? AND b.message_key = a.message_key AND b.action = a.action
                               AND b.person = a.person AND b.at = a.at AND b.folder = a.folder)
             ORDER BY a.at, a.id`,
          )
          .run(to.key, to.owner, from, ...slice, to.key);
      }
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
