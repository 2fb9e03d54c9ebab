import "server-only";
import Database from "better-sqlite3";
import type { ActivityAction } from "@/lib/shared/collab-types";
import type { ActivityRecord, ActivityStore } from "@/lib/activity/activity-store";
import { openPrivateDatabase } from "@/lib/cache/private-file";

// Kept this long; a trail is about recent teamwork, not an audit archive.
const RETENTION_MS = 180 * 24 * 60 * 60 * 1000;

interface Row {
  account: string;
  message_key: string;
  folder: string;
  uid: number;
  action: string;
  actor: string;
  person: string;
  target: string | null;
  at: number;
}

const toRecord = (r: Row): ActivityRecord => ({
  account: r.account,
  messageKey: r.message_key,
  folder: r.folder,
  uid: r.uid,
  action: r.action as ActivityAction,
  actor: r.actor,
  person: r.person,
  ...(r.target !== null ? { target: r.target } : {}),
  at: r.at,
});

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
      CREATE INDEX IF NOT EXISTS activity_by_message ON activity (account, message_key, at);
      CREATE INDEX IF NOT EXISTS activity_by_time ON activity (at);
    `);
    this.db.prepare("DELETE FROM activity WHERE at < ?").run(now() - RETENTION_MS);
    this.insert = this.db.prepare(
      "INSERT INTO activity (account, message_key, folder, uid, action, actor, person, target, at) VALUES (@account, @messageKey, @folder, @uid, @action, @actor, @person, @target, @at)",
    );
    this.insertMany = this.db.transaction((rows: ActivityRecord[]) => {
      for (const r of rows) this.insert.run({ ...r, target: r.target ?? null });
    });
  }

  async record(rows: ActivityRecord[]): Promise<void> {
    if (rows.length) this.insertMany(rows);
  }

  async list(account: string, key: string, limit = 200): Promise<ActivityRecord[]> {
    // The newest `limit`, returned oldest first.
    const rows = this.db
      .prepare("SELECT * FROM (SELECT * FROM activity WHERE account = ? AND message_key = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at ASC, id ASC")
      .all(account, key, limit) as Row[];
    return rows.map(toRecord);
  }

  async latest(account: string, key: string, action: ActivityAction, person?: string): Promise<ActivityRecord | null> {
    const row = (
      person === undefined
        ? this.db.prepare("SELECT * FROM activity WHERE account = ? AND message_key = ? AND action = ? ORDER BY at DESC, id DESC LIMIT 1").get(account, key, action)
        : this.db.prepare("SELECT * FROM activity WHERE account = ? AND message_key = ? AND action = ? AND person = ? ORDER BY at DESC, id DESC LIMIT 1").get(account, key, action, person)
    ) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
