import "server-only";
import type Database from "better-sqlite3";
import { appDb } from "@/lib/app-db";
import { chooseStore } from "@/lib/db/backend";
import type { PgDb } from "@/lib/db/pg";

/** Searches a person ran, kept per account so every browser offers them; a short list, bounded here. */
export const MAX_RECENT = 10;
export const MAX_RECENT_LENGTH = 200;

export interface RecentSearchStore {
  list(account: string): Promise<string[]>;
  add(account: string, query: string, at: number): Promise<void>;
  clear(account: string): Promise<void>;
}

const TABLE = "CREATE TABLE IF NOT EXISTS recent_searches (account TEXT NOT NULL, query TEXT NOT NULL, used_at BIGINT NOT NULL, PRIMARY KEY (account, query))";

/** The embedded default: a table of app.sqlite (lib/app-db.ts). */
export class SqliteRecentSearchStore implements RecentSearchStore {
  constructor(private readonly db: Database.Database) {
    db.exec(TABLE);
  }

  async list(account: string): Promise<string[]> {
    const rows = this.db.prepare("SELECT query FROM recent_searches WHERE account = ? ORDER BY used_at DESC, rowid DESC LIMIT ?").all(account.toLowerCase(), MAX_RECENT) as { query: string }[];
    return rows.map((r) => r.query);
  }

  async add(account: string, query: string, at: number): Promise<void> {
    const a = account.toLowerCase();
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO recent_searches (account, query, used_at) VALUES (?, ?, ?) ON CONFLICT(account, query) DO UPDATE SET used_at = excluded.used_at").run(a, query, at);
      // Bounded per account: the oldest go as new ones come.
      this.db
        .prepare("DELETE FROM recent_searches WHERE account = ? AND query NOT IN (SELECT query FROM recent_searches WHERE account = ? ORDER BY used_at DESC, rowid DESC LIMIT ?)")
        .run(a, a, MAX_RECENT);
    })();
  }

  async clear(account: string): Promise<void> {
    this.db.prepare("DELETE FROM recent_searches WHERE account = ?").run(account.toLowerCase());
  }
}

/** DATABASE_URL: the same table in PostgreSQL, created on first use (a feature's own table, as in app.sqlite). */
export class PgRecentSearchStore implements RecentSearchStore {
  private ready: Promise<unknown> | null = null;
  constructor(private readonly db: PgDb) {}

  private table(): Promise<unknown> {
    this.ready ??= this.db.query(TABLE).catch((err) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  async list(account: string): Promise<string[]> {
    await this.table();
    const r = await this.db.query<{ query: string }>("SELECT query FROM recent_searches WHERE account = $1 ORDER BY used_at DESC, query LIMIT $2", [account.toLowerCase(), MAX_RECENT]);
    return r.rows.map((row) => row.query);
  }

  async add(account: string, query: string, at: number): Promise<void> {
    await this.table();
    const a = account.toLowerCase();
    await this.db.query("INSERT INTO recent_searches (account, query, used_at) VALUES ($1, $2, $3) ON CONFLICT (account, query) DO UPDATE SET used_at = excluded.used_at", [a, query, at]);
    await this.db.query(
      "DELETE FROM recent_searches WHERE account = $1 AND query NOT IN (SELECT query FROM recent_searches WHERE account = $1 ORDER BY used_at DESC, query LIMIT $2)",
      [a, MAX_RECENT],
    );
  }

  async clear(account: string): Promise<void> {
    await this.table();
    await this.db.query("DELETE FROM recent_searches WHERE account = $1", [account.toLowerCase()]);
  }
}

const slot = ((globalThis as Record<string, unknown>).__mailroomRecentSearches ??= { store: null }) as { store: RecentSearchStore | null };

export function recentSearchStore(): RecentSearchStore {
  slot.store ??= chooseStore<RecentSearchStore>(() => new SqliteRecentSearchStore(appDb()), (db) => new PgRecentSearchStore(db));
  return slot.store;
}

export function setRecentSearchStore(store: RecentSearchStore | null): void {
  slot.store = store;
}

/** Remembers a search the person ran (trimmed, whitespace collapsed, cut to a sane length). */
// Two searches in the same millisecond must still keep their order ("newest first"): PostgreSQL has no
// insertion order to break the tie, so the times this process hands out only go up.
let lastUsedAt = 0;
const usedAt = (): number => (lastUsedAt = Math.max(Date.now(), lastUsedAt + 1));

export async function rememberSearch(account: string, query: string): Promise<string[]> {
  const q = query.replace(/\s+/g, " ").trim().slice(0, MAX_RECENT_LENGTH);
  const store = recentSearchStore();
  if (q) await store.add(account, q, usedAt());
  return store.list(account);
}
