import "server-only";
import { MailroomError } from "@/lib/errors";
import type { Pop3Settings, SpecialUse } from "@/lib/shared/types";
import { SEARCH_COUNT_CAP } from "@/lib/cache/cache-store";
import type { CacheStore, FlagName, FolderRow, LedgerRow, LockHolder, ListQuery, ListResult, MessageMeta, MessageRow, NewMessage, PendingIndex, SearchTotal } from "@/lib/cache/cache-store";
import type { PgDb, Queryable } from "@/lib/db/pg";
import { SPECIAL_FOLDERS } from "@/lib/cache/sqlite-store";
import { searchWhere, tsvectorOf } from "@/lib/cache/pg-fts";

/*
 * The POP3 cache's metadata in PostgreSQL (DATABASE_URL): the same rows and rules as SqliteCacheStore,
 * shared by every instance. Raw messages stay blobs in MAILROOM_DATA_DIR. Where SQLite serialises with
 * its one write lock, this takes transaction-scoped advisory locks: BLOBS between inserts and blob
 * collection, one per lock name for takeLock.
 */

interface DbMessage {
  uid: number; folder_id: number; sha256: string; size: number; subject: string; from_json: string | null; to_json: string;
  cc_json: string; reply_to_json: string; message_id: string | null; date: number; attachments_json: string;
  seen: boolean; flagged: boolean; answered: boolean; has_attachments: boolean; indexed: boolean;
}

const MESSAGE_COLUMNS = "uid, folder_id, sha256, size, subject, from_json, to_json, cc_json, reply_to_json, message_id, date, attachments_json, seen, flagged, answered, has_attachments, indexed";
const COPY_COLUMNS = "account, sha256, size, subject, from_json, to_json, cc_json, reply_to_json, message_id, date, attachments_json, seen, flagged, answered, added_at, has_attachments, indexed, fts";
const IN_TREE = "(path = $2 OR substr(path, 1, length($2) + 1) = $2 || '/')";
const BLOBS_LOCK = "SELECT pg_advisory_xact_lock(hashtext('mailroom-blobs'))";

function toRow(m: DbMessage): MessageRow {
  return {
    uid: m.uid, folderId: m.folder_id, sha256: m.sha256, size: m.size, subject: m.subject,
    from: m.from_json ? JSON.parse(m.from_json) : null, to: JSON.parse(m.to_json), cc: JSON.parse(m.cc_json),
    replyTo: JSON.parse(m.reply_to_json), messageId: m.message_id, date: m.date, attachments: JSON.parse(m.attachments_json),
    searchText: "", seen: m.seen, flagged: m.flagged, answered: m.answered, hasAttachments: m.has_attachments, indexed: m.indexed,
  };
}

interface FolderDb {
  id: number; path: string; special_use: SpecialUse | null; created_at: number; total: number; unread: number;
}
const FOLDER_COLUMNS = "f.id, f.path, f.special_use, a.created_at, f.total, f.unread";
function folderRow(x: FolderDb): FolderRow {
  return { id: x.id, path: x.path, specialUse: x.special_use, uidValidity: String(x.created_at + x.id), total: x.total, unread: x.unread };
}

const senderText = (from: MessageMeta["from"]) => (from ? `${from.name} ${from.address}` : "");
const FLAG_COLUMN: Record<FlagName, string> = { seen: "seen", flagged: "flagged", answered: "answered" };

export class PgCacheStore implements CacheStore {
  /** `searchCountCap`: where a search's count stops (SEARCH_COUNT_CAP; smaller in tests). */
  constructor(private readonly db: PgDb, private readonly opts: { searchCountCap?: number } = {}) {}

  /** The pool belongs to the process (lib/db/backend.ts) and is ended at shutdown, not per cache. */
  close(): void {}

  private async folderId(c: Queryable, account: string, path: string): Promise<number> {
    const r = await c.query<{ id: number }>("SELECT id FROM folders WHERE account = $1 AND path = $2", [account, path]);
    if (!r.rows[0]) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
    return r.rows[0].id;
  }

  async ensureAccount(account: string): Promise<void> {
    // Every request asks; one read answers it once the account and its special folders are there.
    const have = await this.db.query<{ n: number }>("SELECT count(*) AS n FROM folders WHERE account = $1 AND special_use IS NOT NULL", [account]);
    if (have.rows[0]!.n >= SPECIAL_FOLDERS.length) return;
    await this.db.tx(async (c) => {
      await c.query("INSERT INTO accounts (account, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", [account, Math.floor(Date.now() / 1000)]);
      for (const f of SPECIAL_FOLDERS) {
        await c.query("INSERT INTO folders (account, path, special_use) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [account, f.path, f.use]);
      }
    });
  }

  async getSettings(account: string): Promise<Pop3Settings | null> {
    const r = await this.db.query<{ settings: string | null }>("SELECT settings FROM accounts WHERE account = $1", [account]);
    return r.rows[0]?.settings ? (JSON.parse(r.rows[0].settings) as Pop3Settings) : null;
  }

  async saveSettings(account: string, settings: Pop3Settings): Promise<void> {
    await this.ensureAccount(account);
    await this.db.query("UPDATE accounts SET settings = $1 WHERE account = $2", [JSON.stringify(settings), account]);
  }

  async listFolders(account: string): Promise<FolderRow[]> {
    // The counters (migration 6) instead of counting each folder's rows on every folder list.
    const r = await this.db.query<FolderDb>(`SELECT ${FOLDER_COLUMNS} FROM folders f JOIN accounts a ON a.account = f.account WHERE f.account = $1 ORDER BY f.path COLLATE "C"`, [account]);
    return r.rows.map(folderRow);
  }

  async getFolder(account: string, path: string): Promise<FolderRow | null> {
    const r = await this.db.query<FolderDb>(`SELECT ${FOLDER_COLUMNS} FROM folders f JOIN accounts a ON a.account = f.account WHERE f.account = $1 AND f.path = $2`, [account, path]);
    return r.rows[0] ? folderRow(r.rows[0]) : null;
  }

  async createFolder(account: string, path: string): Promise<void> {
    const r = await this.db.query("INSERT INTO folders (account, path) VALUES ($1, $2) ON CONFLICT DO NOTHING", [account, path]);
    if (r.rowCount === 0) throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
  }

  async renameFolder(account: string, path: string, newPath: string): Promise<void> {
    await this.db.tx(async (c) => {
      await this.folderId(c, account, path);
      if ((await c.query("SELECT 1 FROM folders WHERE account = $1 AND path = $2", [account, newPath])).rowCount) {
        throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
      }
      await c.query(`UPDATE folders SET path = $3 || substr(path, length($2) + 1) WHERE account = $1 AND ${IN_TREE}`, [account, path, newPath]);
    });
  }

  async deleteFolder(account: string, path: string): Promise<string[]> {
    return this.db.tx(async (c) => {
      await this.folderId(c, account, path);
      const ids = (await c.query<{ id: number }>(`SELECT id FROM folders WHERE account = $1 AND ${IN_TREE}`, [account, path])).rows.map((r) => r.id);
      const hashes: string[] = [];
      for (const id of ids) {
        const uids = (await c.query<{ uid: number }>("SELECT uid FROM messages WHERE folder_id = $1", [id])).rows.map((r) => r.uid);
        hashes.push(...(await this.deleteUids(c, uids)));
        await c.query("DELETE FROM folders WHERE id = $1", [id]);
      }
      return hashes;
    });
  }

  private async folderCounts(account: string, path: string): Promise<{ id: number; total: number; unread: number }> {
    const f = await this.db.query<{ id: number; total: number; unread: number }>("SELECT id, total, unread FROM folders WHERE account = $1 AND path = $2", [account, path]);
    if (!f.rows[0]) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
    return f.rows[0];
  }

  async listMessages(account: string, path: string, q: ListQuery): Promise<ListResult> {
    const folder = await this.folderCounts(account, path);
    const folderId = folder.id;
    // Local UIDs are int4; a cursor or UID from a request may be any number (bound as bigint: never an error).
    const before = q.before ?? Number.MAX_SAFE_INTEGER;
    const page = async (sql: string, params: unknown[]) => (await this.db.query<DbMessage>(`SELECT ${MESSAGE_COLUMNS} FROM messages ${sql}`, params)).rows.map(toRow);
    if (q.search) {
      const where = searchWhere(folderId, q.search);
      if (!where) return { total: 0, rows: [] };
      const { clause, params } = where;
      const n = params.length;
      const rows = await page(`WHERE ${clause} AND uid < $${n + 1}::bigint ORDER BY uid DESC LIMIT $${n + 2}`, [...params, before, q.limit]);
      if (where.unreadOnly) return { total: folder.unread, rows };
      if (q.countLater) return { total: 0, rows, totalLater: true };
      return { ...(await this.countWhere(clause, params, where.fullText)), rows };
    }
    const total = folder.total;
    if (q.jump && q.before === undefined) {
      const oldest = async (): Promise<ListResult> => {
        const rows = (await page("WHERE folder_id = $1 ORDER BY uid ASC LIMIT $2", [folderId, q.limit])).reverse();
        return { total, rows, offset: Math.max(0, total - rows.length) };
      };
      if (q.jump === "oldest") return oldest();
      const next = Date.parse(`${q.jump.day}T00:00:00Z`) + 86_400_000;
      const start = (await this.db.query<{ uid: number | null }>("SELECT max(uid) AS uid FROM messages WHERE folder_id = $1 AND date < $2::bigint", [folderId, next])).rows[0]?.uid ?? null;
      if (start === null) return oldest();
      const rows = await page("WHERE folder_id = $1 AND uid <= $2 ORDER BY uid DESC LIMIT $3", [folderId, start, q.limit]);
      const offset = (await this.db.query<{ n: number }>("SELECT count(*) AS n FROM messages WHERE folder_id = $1 AND uid > $2", [folderId, start])).rows[0]!.n;
      return { total, rows, offset };
    }
    return { total, rows: await page("WHERE folder_id = $1 AND uid < $2::bigint ORDER BY uid DESC LIMIT $3", [folderId, before, q.limit]) };
  }

  async countSearch(account: string, path: string, search: NonNullable<ListQuery["search"]>): Promise<SearchTotal> {
    const folder = await this.folderCounts(account, path);
    const where = searchWhere(folder.id, search);
    if (!where) return { total: 0 };
    return where.unreadOnly ? { total: folder.unread } : this.countWhere(where.clause, where.params, where.fullText);
  }

  /** A full-text search's count stops one past SEARCH_COUNT_CAP, as the SQLite store's does; filters alone count exactly. */
  private async countWhere(clause: string, params: unknown[], fullText: boolean): Promise<SearchTotal> {
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE ${clause} LIMIT $${params.length + 1}) AS hits`;
    const cap = fullText ? (this.opts.searchCountCap ?? SEARCH_COUNT_CAP) : Number.MAX_SAFE_INTEGER - 1;
    const n = Number((await this.db.query<{ n: number | string }>(sql, [...params, cap + 1])).rows[0]!.n);
    return n > cap ? { total: cap, totalAtLeast: true } : { total: n };
  }

  async getMessage(account: string, path: string, uid: number): Promise<MessageRow | null> {
    const folderId = await this.folderId(this.db, account, path);
    const r = await this.db.query<DbMessage>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE uid = $1::bigint AND folder_id = $2`, [uid, folderId]);
    return r.rows[0] ? toRow(r.rows[0]) : null;
  }

  async insertMessage(msg: NewMessage, blobExists: (sha256: string) => boolean): Promise<{ uid: number | null; duplicate: boolean }> {
    return (await this.insertMessages([msg], blobExists))[0]!;
  }

  async insertMessages(msgs: NewMessage[], blobExists: (sha256: string) => boolean): Promise<{ uid: number | null; duplicate: boolean }[]> {
    // Every commit is durable here (the server's own fsync policy): `durable: false` needs nothing.
    return this.db.tx(async (c) => {
      await c.query(BLOBS_LOCK);
      const out: { uid: number | null; duplicate: boolean }[] = [];
      for (const m of msgs) out.push(await this.insertOne(c, m, blobExists));
      return out;
    });
  }

  private async insertOne(c: Queryable, msg: NewMessage, blobExists: (sha256: string) => boolean): Promise<{ uid: number | null; duplicate: boolean }> {
    const { meta } = msg;
    const folderId = await this.folderId(c, msg.account, msg.folderPath);
    if (msg.ledger && (await c.query("SELECT 1 FROM pop3_ledger WHERE account = $1 AND key = $2", [msg.account, msg.ledger.key])).rowCount) {
      return { uid: null, duplicate: true };
    }
    if (!blobExists(msg.sha256)) throw new MailroomError("CONFLICT", "The stored copy of a message vanished while it was saved. Sync again.");
    const r = await c.query<{ uid: number }>(
      `INSERT INTO messages (account, folder_id, sha256, size, subject, from_json, to_json, cc_json, reply_to_json, message_id, date, attachments_json, seen, added_at, has_attachments, indexed, fts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::tsvector) RETURNING uid`,
      [msg.account, folderId, msg.sha256, msg.size, meta.subject, meta.from ? JSON.stringify(meta.from) : null, JSON.stringify(meta.to), JSON.stringify(meta.cc),
        JSON.stringify(meta.replyTo), meta.messageId, meta.date, JSON.stringify(meta.attachments), !!msg.seen, Date.now(),
        meta.hasAttachments ?? meta.attachments.length > 0, msg.indexed ?? true, tsvectorOf(senderText(meta.from), meta.subject, meta.searchText)],
    );
    const uid = r.rows[0]!.uid;
    if (msg.ledger) {
      await c.query("INSERT INTO pop3_ledger (account, key, sha256, downloaded_at, message_uid) VALUES ($1, $2, $3, $4, $5)", [msg.account, msg.ledger.key, msg.sha256, msg.ledger.downloadedAt, uid]);
    }
    return { uid, duplicate: false };
  }

  async flushDurable(): Promise<void> {}

  async pendingIndex(account: string, limit: number): Promise<PendingIndex[]> {
    return (await this.db.query<PendingIndex>("SELECT uid, sha256, date FROM messages WHERE account = $1 AND NOT indexed ORDER BY uid LIMIT $2", [account, limit])).rows;
  }

  async completeIndex(uid: number, meta: MessageMeta): Promise<void> {
    await this.db.tx(async (c) => {
      const r = await c.query<{ subject: string; from_json: string | null }>("SELECT subject, from_json FROM messages WHERE uid = $1::bigint AND NOT indexed FOR UPDATE", [uid]);
      const row = r.rows[0];
      if (!row) return; // deleted, moved (new uid, indexed there) or indexed meanwhile
      const fts = tsvectorOf(senderText(row.from_json ? JSON.parse(row.from_json) : null), row.subject, meta.searchText);
      await c.query("UPDATE messages SET attachments_json = $1, has_attachments = $2, indexed = true, fts = $3::tsvector WHERE uid = $4::bigint", [JSON.stringify(meta.attachments), meta.attachments.length > 0, fts, uid]);
    });
  }

  async setFlag(account: string, path: string, uids: number[], flag: FlagName, value: boolean): Promise<void> {
    const folderId = await this.folderId(this.db, account, path);
    await this.db.query(`UPDATE messages SET ${FLAG_COLUMN[flag]} = $1 WHERE folder_id = $2 AND uid = ANY($3::bigint[])`, [value, folderId, uids]);
  }

  async moveMessages(account: string, path: string, uids: number[], target: string): Promise<void> {
    await this.db.tx(async (c) => {
      const from = await this.folderId(c, account, path);
      const to = await this.folderId(c, account, target);
      for (const uid of uids) {
        const r = await c.query<{ uid: number }>(`INSERT INTO messages (folder_id, ${COPY_COLUMNS}) SELECT $1, ${COPY_COLUMNS} FROM messages WHERE uid = $2::bigint AND folder_id = $3 RETURNING uid`, [to, uid, from]);
        const newUid = r.rows[0]?.uid;
        if (newUid === undefined) continue; // already moved or deleted by someone else
        await c.query("DELETE FROM messages WHERE uid = $1::bigint", [uid]);
        await c.query("UPDATE pop3_ledger SET message_uid = $1::bigint WHERE message_uid = $2", [newUid, uid]);
      }
    });
  }

  private async deleteUids(c: Queryable, uids: number[]): Promise<string[]> {
    if (uids.length === 0) return [];
    const r = await c.query<{ sha256: string }>("DELETE FROM messages WHERE uid = ANY($1::bigint[]) RETURNING sha256", [uids]);
    // The tombstone: "delete-when-deleted" removes it from the server on the next sync.
    await c.query("UPDATE pop3_ledger SET message_uid = NULL, local_deleted_at = $1 WHERE message_uid = ANY($2::bigint[])", [Date.now(), uids]);
    return r.rows.map((x) => x.sha256);
  }

  async deleteMessages(account: string, path: string, uids: number[]): Promise<string[]> {
    return this.db.tx(async (c) => {
      const folderId = await this.folderId(c, account, path);
      const mine = (await c.query<{ uid: number }>("SELECT uid FROM messages WHERE folder_id = $1 AND uid = ANY($2::bigint[])", [folderId, uids])).rows.map((r) => r.uid);
      return this.deleteUids(c, mine);
    });
  }

  async collectBlobs(hashes: string[], remove: (sha256: string) => void): Promise<void> {
    if (hashes.length === 0) return;
    await this.db.tx(async (c) => {
      await c.query(BLOBS_LOCK);
      for (const sha of new Set(hashes)) {
        if (!(await c.query("SELECT 1 FROM messages WHERE sha256 = $1 LIMIT 1", [sha])).rowCount) remove(sha);
      }
    });
  }

  async hasHashInFolder(account: string, path: string, sha256: string): Promise<boolean> {
    const folderId = await this.folderId(this.db, account, path);
    return !!(await this.db.query("SELECT 1 FROM messages WHERE account = $1 AND sha256 = $2 AND folder_id = $3 LIMIT 1", [account, sha256, folderId])).rowCount;
  }

  async *iterateMessages(account: string, path: string | null): AsyncIterable<MessageRow> {
    const folderId = path === null ? null : await this.folderId(this.db, account, path);
    let after = 0;
    for (;;) {
      const r = folderId === null
        ? await this.db.query<DbMessage>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE account = $1 AND uid > $2::bigint ORDER BY uid LIMIT 200`, [account, after])
        : await this.db.query<DbMessage>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE folder_id = $1 AND uid > $2::bigint ORDER BY uid LIMIT 200`, [folderId, after]);
      if (r.rows.length === 0) return;
      for (const row of r.rows) yield toRow(row);
      after = r.rows[r.rows.length - 1]!.uid;
    }
  }

  async usage(account: string): Promise<{ bytes: number; messages: number }> {
    const r = await this.db.query<{ n: number; b: number }>("SELECT count(*) AS n, coalesce(sum(size), 0)::bigint AS b FROM messages WHERE account = $1", [account]);
    return { bytes: r.rows[0]!.b, messages: r.rows[0]!.n };
  }

  async takeLock(name: string, me: LockHolder, now: number, isGone: (holder: LockHolder) => boolean): Promise<LockHolder> {
    return this.db.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext('mailroom-lock:' || $1))", [name]);
      const r = await c.query<{ owner: string; pid: number; host: string; expires_at: number }>("SELECT owner, pid, host, expires_at FROM locks WHERE name = $1", [name]);
      const row = r.rows[0];
      const holder = row && { owner: row.owner, pid: row.pid, host: row.host, expiresAt: row.expires_at };
      if (holder && holder.owner !== me.owner && holder.expiresAt > now && !isGone(holder)) return holder;
      await c.query(
        `INSERT INTO locks (name, owner, pid, host, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at`,
        [name, me.owner, me.pid, me.host, me.expiresAt],
      );
      return me;
    });
  }

  async renewLock(name: string, owner: string, expiresAt: number): Promise<boolean> {
    return (await this.db.query("UPDATE locks SET expires_at = $1 WHERE name = $2 AND owner = $3", [expiresAt, name, owner])).rowCount === 1;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.db.query("DELETE FROM locks WHERE name = $1 AND owner = $2", [name, owner]);
  }

  async ledger(account: string): Promise<Map<string, LedgerRow>> {
    const r = await this.db.query<{ key: string; sha256: string; downloaded_at: number; message_uid: number | null; local_deleted_at: number | null }>(
      "SELECT key, sha256, downloaded_at, message_uid, local_deleted_at FROM pop3_ledger WHERE account = $1",
      [account],
    );
    return new Map(r.rows.map((x) => [x.key, { key: x.key, sha256: x.sha256, downloadedAt: x.downloaded_at, messageUid: x.message_uid, localDeletedAt: x.local_deleted_at }]));
  }

  async forgetLedger(account: string, keys: string[]): Promise<void> {
    if (keys.length) await this.db.query("DELETE FROM pop3_ledger WHERE account = $1 AND key = ANY($2::text[])", [account, keys]);
  }
}
