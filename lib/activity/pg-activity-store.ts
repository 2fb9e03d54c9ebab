import "server-only";
import type { ActivityAction } from "@/lib/shared/collab-types";
import type { ActivityRecord, ActivityStore, TrailMailbox } from "@/lib/activity/activity-store";
import type { PgDb } from "@/lib/db/pg";
import { RETENTION_MS, toRecord, type ActivityRow as Row } from "@/lib/activity/activity-row";

const COLUMNS = "scope, account, message_key, folder, uid, action, actor, person, target, at";

/**
 * The trail in PostgreSQL (DATABASE_URL), shared by every instance. Same rules as SqliteActivityStore;
 * a PostgreSQL trail never had the pre-scope layout, so there are no legacy lines to read.
 */
export class PgActivityStore implements ActivityStore {
  private purged: Promise<void> | null = null;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Old lines are dropped once per process, before its first use of the trail. */
  private purge(): Promise<void> {
    this.purged ??= this.db.query("DELETE FROM activity WHERE at < $1", [this.now() - RETENTION_MS]).then(
      () => {},
      (err) => {
        this.purged = null;
        throw err;
      },
    );
    return this.purged;
  }

  async record(rows: ActivityRecord[]): Promise<void> {
    if (!rows.length) return;
    await this.purge();
    // One statement for the batch: arrays unnested in order keep the rows' order (and ids).
    await this.db.query(
      `INSERT INTO activity (${COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])`,
      [
        rows.map((r) => r.scope), rows.map((r) => r.account), rows.map((r) => r.messageKey), rows.map((r) => r.folder), rows.map((r) => r.uid),
        rows.map((r) => r.action), rows.map((r) => r.actor), rows.map((r) => r.person), rows.map((r) => r.target ?? null), rows.map((r) => r.at),
      ],
    );
  }

  async list(mailbox: TrailMailbox, key: string, limit = 200): Promise<ActivityRecord[]> {
    await this.purge();
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM (SELECT *, id AS rid FROM activity WHERE scope = $1 AND message_key = $2 ORDER BY at DESC, id DESC LIMIT $3) t ORDER BY at ASC, rid ASC`,
      [mailbox.key, key, limit],
    );
    return r.rows.map(toRecord);
  }

  async latest(mailbox: TrailMailbox, key: string, action: ActivityAction, person?: string): Promise<ActivityRecord | null> {
    await this.purge();
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM activity WHERE scope = $1 AND message_key = $2 AND action = $3 AND ($4::text IS NULL OR person = $4) ORDER BY at DESC, id DESC LIMIT 1`,
      [mailbox.key, key, action, person ?? null],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  async copy(from: string, to: TrailMailbox, keys: string[]): Promise<void> {
    if (from === to.key || !keys.length) return;
    await this.db.query(
      `INSERT INTO activity (${COLUMNS})
       SELECT $1, $2, a.message_key, a.folder, a.uid, a.action, a.actor, a.person, a.target, a.at FROM activity a
       WHERE a.scope = $3 AND a.message_key = ANY($4::text[])
         AND NOT EXISTS (SELECT 1 FROM activity b WHERE b.scope = $1 AND b.message_key = a.message_key AND b.action = a.action
                         AND b.person = a.person AND b.at = a.at AND b.folder = a.folder)
       ORDER BY a.at, a.id`,
      [to.key, to.owner, from, keys],
    );
  }

  /** The pool is the process's (lib/db/backend.ts), ended at shutdown. */
  async close(): Promise<void> {}
}
