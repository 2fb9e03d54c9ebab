import "server-only";
import Database from "better-sqlite3";
import { MailroomError } from "@/lib/errors";
import type { Pop3Settings, SpecialUse } from "@/lib/shared/types";
import type { CacheStore, FlagName, FolderRow, LedgerRow, LockHolder, ListQuery, ListResult, MessageMeta, MessageRow, NewMessage, PendingIndex, SearchTotal } from "@/lib/cache/cache-store";
import { migrate } from "@/lib/cache/sqlite-schema";
import { Lru } from "@/lib/lru";
import { plainPage, searchCount, searchPage, TERMS_TABLE, type FolderCounts } from "@/lib/cache/sqlite-list";
import { openPrivateDatabase } from "@/lib/cache/private-file";
import { folderRow, fromJson, toRow, type DbMessage } from "@/lib/cache/sqlite-rows";

export const SPECIAL_FOLDERS: { path: string; use: SpecialUse }[] = [
  { path: "INBOX", use: "inbox" },
  { path: "Drafts", use: "drafts" },
  { path: "Sent", use: "sent" },
  { path: "Archive", use: "archive" },
  { path: "Trash", use: "trash" },
];

const FLAG_COLUMN: Record<FlagName, string> = { seen: "seen", flagged: "flagged", answered: "answered" };
const COPY_COLUMNS = "account, sha256, size, subject, from_json, to_json, cc_json, reply_to_json, message_id, date, attachments_json, seen, flagged, answered, added_at, has_attachments, indexed";
const IN_TREE = "(path = @path OR substr(path, 1, length(@path) + 1) = @path || '/')";

/** The cache on one SQLite file (WAL). better-sqlite3 is synchronous; the async signatures are the interface's. */
export class SqliteCacheStore implements CacheStore {
  readonly db: Database.Database;

  /** `searchCountCap`: where a search's count stops (SEARCH_COUNT_CAP; smaller in tests). */
  constructor(file: string, private readonly opts: { searchCountCap?: number } = {}) {
    this.db = openPrivateDatabase(file);
    migrate(this.db);
    this.db.exec(TERMS_TABLE);
  }

  private readonly statements = new Map<string, Database.Statement>();
  private readonly searchCounts = new Lru<string, { version: string; n: number }>(200, 5 * 60_000);

  /** Prepared once per SQL text (a fixed set): preparing is a good part of a small insert's cost. */
  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  close(): void {
    this.db.close();
  }

  private folderId(account: string, path: string): number {
    const row = this.prepare("SELECT id FROM folders WHERE account = ? AND path = ?").get(account, path) as { id: number } | undefined;
    if (!row) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
    return row.id;
  }

  async ensureAccount(account: string): Promise<void> {
    // Every request asks; a read answers it once the account is there, so a list never queues for the
    // write lock behind a sync's insert transaction.
    const have = this.prepare("SELECT count(*) AS n FROM folders WHERE account = ? AND special_use IS NOT NULL").get(account) as { n: number };
    if (have.n >= SPECIAL_FOLDERS.length && this.prepare("SELECT 1 FROM accounts WHERE account = ?").get(account)) return;
    this.db.transaction(() => {
      this.prepare("INSERT OR IGNORE INTO accounts (account, created_at) VALUES (?, ?)").run(account, Math.floor(Date.now() / 1000));
      const add = this.prepare("INSERT OR IGNORE INTO folders (account, path, special_use) VALUES (?, ?, ?)");
      for (const f of SPECIAL_FOLDERS) add.run(account, f.path, f.use);
    })();
  }

  async getSettings(account: string): Promise<Pop3Settings | null> {
    const row = this.prepare("SELECT settings FROM accounts WHERE account = ?").get(account) as { settings: string | null } | undefined;
    return row?.settings ? (JSON.parse(row.settings) as Pop3Settings) : null;
  }

  async saveSettings(account: string, settings: Pop3Settings): Promise<void> {
    await this.ensureAccount(account);
    this.prepare("UPDATE accounts SET settings = ? WHERE account = ?").run(JSON.stringify(settings), account);
  }

  async listFolders(account: string): Promise<FolderRow[]> {
    // The counters (schema 4) instead of counting each folder's rows on every folder list.
    const rows = this
      .prepare("SELECT f.id, f.path, f.special_use, f.total, f.unread, a.created_at FROM folders f JOIN accounts a ON a.account = f.account WHERE f.account = ? ORDER BY f.path")
      .all(account) as { id: number; path: string; special_use: SpecialUse | null; created_at: number; total: number; unread: number }[];
    return rows.map(folderRow);
  }

  async getFolder(account: string, path: string): Promise<FolderRow | null> {
    const r = this
      .prepare("SELECT f.id, f.path, f.special_use, f.total, f.unread, a.created_at FROM folders f JOIN accounts a ON a.account = f.account WHERE f.account = ? AND f.path = ?")
      .get(account, path) as { id: number; path: string; special_use: SpecialUse | null; created_at: number; total: number; unread: number } | undefined;
    return r ? folderRow(r) : null;
  }

  private folderCounts(account: string, path: string): FolderCounts {
    const row = this.prepare("SELECT id, total, unread, changes FROM folders WHERE account = ? AND path = ?").get(account, path) as FolderCounts | undefined;
    if (!row) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
    return row;
  }

  async createFolder(account: string, path: string): Promise<void> {
    const res = this.prepare("INSERT OR IGNORE INTO folders (account, path) VALUES (?, ?)").run(account, path);
    if (res.changes === 0) throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
  }

  async renameFolder(account: string, path: string, newPath: string): Promise<void> {
    this.db.transaction(() => {
      this.folderId(account, path);
      if (this.prepare("SELECT 1 FROM folders WHERE account = ? AND path = ?").get(account, newPath)) {
        throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
      }
      this.prepare(`UPDATE folders SET path = @newPath || substr(path, length(@path) + 1) WHERE account = @account AND ${IN_TREE}`).run({ account, path, newPath });
    })();
  }

  async deleteFolder(account: string, path: string): Promise<string[]> {
    return this.db.transaction(() => {
      this.folderId(account, path);
      const ids = (this.prepare(`SELECT id FROM folders WHERE account = @account AND ${IN_TREE}`).all({ account, path }) as { id: number }[]).map((r) => r.id);
      const hashes: string[] = [];
      for (const id of ids) {
        const uids = (this.prepare("SELECT uid FROM messages WHERE folder_id = ?").all(id) as { uid: number }[]).map((r) => r.uid);
        hashes.push(...this.deleteUids(uids));
        this.prepare("DELETE FROM folders WHERE id = ?").run(id);
      }
      return hashes;
    })();
  }

  async listMessages(account: string, path: string, q: ListQuery): Promise<ListResult> {
    const prepare = (sql: string) => this.prepare(sql);
    // One read transaction: the folder's counters, the vocabulary a search's words are named from and
    // the page come from one snapshot, whatever the sync worker's process commits meanwhile.
    const page = this.db.transaction(() => {
      const folder = this.folderCounts(account, path);
      return q.search ? searchPage<DbMessage>(prepare, folder, { ...q, search: q.search }, this.searchCounts, this.opts.searchCountCap) : plainPage<DbMessage>(prepare, folder, q);
    })();
    return { ...page, rows: page.rows.map(toRow) };
  }

  async countSearch(account: string, path: string, search: NonNullable<ListQuery["search"]>): Promise<SearchTotal> {
    return this.db.transaction(() => searchCount((sql) => this.prepare(sql), this.folderCounts(account, path), { search }, this.searchCounts, this.opts.searchCountCap))();
  }

  async getMessage(account: string, path: string, uid: number): Promise<MessageRow | null> {
    const folderId = this.folderId(account, path);
    const row = this.prepare("SELECT * FROM messages WHERE uid = ? AND folder_id = ?").get(uid, folderId) as DbMessage | undefined;
    return row ? toRow(row) : null;
  }

  async insertMessage(msg: NewMessage, blobExists: (sha256: string) => boolean, opts: { durable?: boolean } = {}): Promise<{ uid: number | null; duplicate: boolean }> {
    return (await this.insertMessages([msg], blobExists, opts))[0]!;
  }

  async insertMessages(msgs: NewMessage[], blobExists: (sha256: string) => boolean, opts: { durable?: boolean } = {}): Promise<{ uid: number | null; duplicate: boolean }[]> {
    // NORMAL for this commit only: WAL written, not fsynced; the next FULL commit (flushDurable) fsyncs
    // the WAL file and with it every frame before it. The connection stays FULL for everyone else.
    const relaxed = opts.durable === false;
    if (relaxed) this.db.pragma("synchronous = NORMAL");
    try {
      // IMMEDIATE: takes the write lock first, so collectBlobs can't remove a blob between the check and the commit.
      return this.db.transaction(() => msgs.map((m) => this.insertOne(m, blobExists))).immediate();
    } finally {
      if (relaxed) this.db.pragma("synchronous = FULL");
    }
  }

  private insertOne(msg: NewMessage, blobExists: (sha256: string) => boolean): { uid: number | null; duplicate: boolean } {
    const { meta } = msg;
    const indexed = msg.indexed ?? true;
    const hasAttachments = meta.hasAttachments ?? meta.attachments.length > 0;
    const folderId = this.folderId(msg.account, msg.folderPath);
    if (msg.ledger && this.prepare("SELECT 1 FROM pop3_ledger WHERE account = ? AND key = ?").get(msg.account, msg.ledger.key)) {
      return { uid: null, duplicate: true };
    }
    if (!blobExists(msg.sha256)) throw new MailroomError("CONFLICT", "The stored copy of a message vanished while it was saved. Sync again.");
    const res = this
      .prepare(
        `INSERT INTO messages (account, folder_id, sha256, size, subject, from_json, to_json, cc_json, reply_to_json, message_id, date, attachments_json, seen, added_at, has_attachments, indexed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(msg.account, folderId, msg.sha256, msg.size, meta.subject, fromJson(meta), JSON.stringify(meta.to), JSON.stringify(meta.cc),
        JSON.stringify(meta.replyTo), meta.messageId, meta.date, JSON.stringify(meta.attachments), msg.seen ? 1 : 0, Date.now(), hasAttachments ? 1 : 0, indexed ? 1 : 0);
    const uid = Number(res.lastInsertRowid);
    const sender = meta.from ? `${meta.from.name} ${meta.from.address}` : "";
    this.prepare("INSERT INTO messages_fts (rowid, sender, subject, body) VALUES (?, ?, ?, ?)").run(uid, sender, meta.subject, meta.searchText);
    if (msg.ledger) {
      this.prepare("INSERT INTO pop3_ledger (account, key, sha256, downloaded_at, message_uid) VALUES (?, ?, ?, ?, ?)").run(msg.account, msg.ledger.key, msg.sha256, msg.ledger.downloadedAt, uid);
    }
    return { uid, duplicate: false };
  }

  async flushDurable(account: string): Promise<void> {
    // A commit needs a page to write for the WAL fsync to happen; this no-op update dirties one.
    this.prepare("UPDATE accounts SET created_at = created_at WHERE account = ?").run(account);
  }

  async pendingIndex(account: string, limit: number): Promise<PendingIndex[]> {
    return this.prepare("SELECT uid, sha256, date FROM messages WHERE account = ? AND indexed = 0 ORDER BY uid LIMIT ?").all(account, limit) as PendingIndex[];
  }

  async completeIndex(uid: number, meta: MessageMeta): Promise<void> {
    this.db.transaction(() => {
      const res = this
        .prepare("UPDATE messages SET attachments_json = ?, has_attachments = ?, indexed = 1 WHERE uid = ? AND indexed = 0")
        .run(JSON.stringify(meta.attachments), meta.attachments.length > 0 ? 1 : 0, uid);
      if (res.changes === 0) return; // deleted, moved (new uid, indexed there) or indexed meanwhile
      this.prepare("UPDATE messages_fts SET body = ? WHERE rowid = ?").run(meta.searchText, uid);
    })();
  }

  async setFlag(account: string, path: string, uids: number[], flag: FlagName, value: boolean): Promise<void> {
    const folderId = this.folderId(account, path);
    const stmt = this.prepare(`UPDATE messages SET ${FLAG_COLUMN[flag]} = ? WHERE uid = ? AND folder_id = ?`);
    this.db.transaction(() => uids.forEach((uid) => stmt.run(value ? 1 : 0, uid, folderId)))();
  }

  async moveMessages(account: string, path: string, uids: number[], target: string): Promise<void> {
    this.db.transaction(() => {
      const from = this.folderId(account, path);
      const to = this.folderId(account, target);
      for (const uid of uids) {
        const res = this.prepare(`INSERT INTO messages (folder_id, ${COPY_COLUMNS}) SELECT ?, ${COPY_COLUMNS} FROM messages WHERE uid = ? AND folder_id = ?`).run(to, uid, from);
        if (res.changes === 0) continue; // already moved or deleted by someone else
        const newUid = Number(res.lastInsertRowid);
        this.prepare("INSERT INTO messages_fts (rowid, sender, subject, body) SELECT ?, sender, subject, body FROM messages_fts WHERE rowid = ?").run(newUid, uid);
        this.prepare("DELETE FROM messages_fts WHERE rowid = ?").run(uid);
        this.prepare("DELETE FROM messages WHERE uid = ?").run(uid);
        this.prepare("UPDATE pop3_ledger SET message_uid = ? WHERE message_uid = ?").run(newUid, uid);
      }
    })();
  }

  private deleteUids(uids: number[]): string[] {
    const hashes: string[] = [];
    const now = Date.now();
    for (const uid of uids) {
      const row = this.prepare("SELECT sha256 FROM messages WHERE uid = ?").get(uid) as { sha256: string } | undefined;
      if (!row) continue;
      hashes.push(row.sha256);
      this.prepare("DELETE FROM messages_fts WHERE rowid = ?").run(uid);
      this.prepare("DELETE FROM messages WHERE uid = ?").run(uid);
      // The tombstone: "delete-when-deleted" removes it from the server on the next sync.
      this.prepare("UPDATE pop3_ledger SET message_uid = NULL, local_deleted_at = ? WHERE message_uid = ?").run(now, uid);
    }
    return hashes;
  }

  async deleteMessages(account: string, path: string, uids: number[]): Promise<string[]> {
    return this.db.transaction(() => {
      const folderId = this.folderId(account, path);
      const mine = uids.filter((uid) => this.prepare("SELECT 1 FROM messages WHERE uid = ? AND folder_id = ?").get(uid, folderId));
      return this.deleteUids(mine);
    })();
  }

  async collectBlobs(hashes: string[], remove: (sha256: string) => void): Promise<void> {
    if (hashes.length === 0) return;
    this.db.transaction(() => {
      for (const sha of new Set(hashes)) {
        if (!this.prepare("SELECT 1 FROM messages WHERE sha256 = ? LIMIT 1").get(sha)) remove(sha);
      }
    }).immediate();
  }

  async hasHashInFolder(account: string, path: string, sha256: string): Promise<boolean> {
    const folderId = this.folderId(account, path);
    return !!this.prepare("SELECT 1 FROM messages WHERE account = ? AND sha256 = ? AND folder_id = ? LIMIT 1").get(account, sha256, folderId);
  }

  async *iterateMessages(account: string, path: string | null): AsyncIterable<MessageRow> {
    const folderId = path === null ? null : this.folderId(account, path);
    let after = 0;
    // Pages, not one open cursor: the shared connection stays free for other requests between pages.
    for (;;) {
      const rows = (folderId === null
        ? this.prepare("SELECT * FROM messages WHERE account = ? AND uid > ? ORDER BY uid LIMIT 200").all(account, after)
        : this.prepare("SELECT * FROM messages WHERE folder_id = ? AND uid > ? ORDER BY uid LIMIT 200").all(folderId, after)) as DbMessage[];
      if (rows.length === 0) return;
      for (const r of rows) yield toRow(r);
      after = rows[rows.length - 1]!.uid;
    }
  }

  async usage(account: string): Promise<{ bytes: number; messages: number }> {
    const r = this.prepare("SELECT count(*) AS n, coalesce(sum(size), 0) AS b FROM messages WHERE account = ?").get(account) as { n: number; b: number };
    return { bytes: r.b, messages: r.n };
  }

  async takeLock(name: string, me: LockHolder, now: number, isGone: (holder: LockHolder) => boolean): Promise<LockHolder> {
    return this.db.transaction(() => {
      const row = this.prepare("SELECT owner, pid, host, expires_at FROM locks WHERE name = ?").get(name) as { owner: string; pid: number; host: string; expires_at: number } | undefined;
      const holder = row && { owner: row.owner, pid: row.pid, host: row.host, expiresAt: row.expires_at };
      if (holder && holder.owner !== me.owner && holder.expiresAt > now && !isGone(holder)) return holder;
      this.prepare("INSERT OR REPLACE INTO locks (name, owner, pid, host, expires_at) VALUES (?, ?, ?, ?, ?)").run(name, me.owner, me.pid, me.host, me.expiresAt);
      return me;
    }).immediate();
  }

  async renewLock(name: string, owner: string, expiresAt: number): Promise<boolean> {
    return this.prepare("UPDATE locks SET expires_at = ? WHERE name = ? AND owner = ?").run(expiresAt, name, owner).changes === 1;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    this.prepare("DELETE FROM locks WHERE name = ? AND owner = ?").run(name, owner);
  }

  async ledger(account: string): Promise<Map<string, LedgerRow>> {
    const rows = this.prepare("SELECT key, sha256, downloaded_at, message_uid, local_deleted_at FROM pop3_ledger WHERE account = ?").all(account) as {
      key: string; sha256: string; downloaded_at: number; message_uid: number | null; local_deleted_at: number | null;
    }[];
    return new Map(rows.map((r) => [r.key, { key: r.key, sha256: r.sha256, downloadedAt: r.downloaded_at, messageUid: r.message_uid, localDeletedAt: r.local_deleted_at }]));
  }

  async forgetLedger(account: string, keys: string[]): Promise<void> {
    const stmt = this.prepare("DELETE FROM pop3_ledger WHERE account = ? AND key = ?");
    this.db.transaction(() => keys.forEach((k) => stmt.run(account, k)))();
  }
}
