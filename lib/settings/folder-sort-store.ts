import "server-only";
import type Database from "better-sqlite3";
import { appDb } from "@/lib/app-db";
import { chooseStore } from "@/lib/db/backend";
import type { PgDb } from "@/lib/db/pg";
import { isDefaultSort, parseSort, sortParam, type SortSpec } from "@/lib/shared/sort";

/*
 * The Sort menu's choice, remembered per account and folder on the server (issue 12 point 3), so every
 * browser shows a folder in the same order. The default order is not stored: choosing it deletes the row.
 * Folder paths come from the client, so an account keeps at most MAX_FOLDERS rows (the oldest go).
 */
export const MAX_FOLDERS = 500;

export interface FolderSortStore {
  get(account: string, folder: string): Promise<SortSpec | null>;
  set(account: string, folder: string, sort: SortSpec, at: number): Promise<void>;
}

export class SqliteFolderSortStore implements FolderSortStore {
  constructor(private readonly db: Database.Database) {
    db.exec("CREATE TABLE IF NOT EXISTS folder_sort (account TEXT NOT NULL, folder TEXT NOT NULL, sort TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (account, folder))");
  }

  async get(account: string, folder: string): Promise<SortSpec | null> {
    const row = this.db.prepare("SELECT sort FROM folder_sort WHERE account = ? AND folder = ?").get(account.toLowerCase(), folder) as { sort: string } | undefined;
    return parseSort(row?.sort);
  }

  async set(account: string, folder: string, sort: SortSpec, at: number): Promise<void> {
    const a = account.toLowerCase();
    if (isDefaultSort(sort)) {
      this.db.prepare("DELETE FROM folder_sort WHERE account = ? AND folder = ?").run(a, folder);
      return;
    }
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO folder_sort (account, folder, sort, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(account, folder) DO UPDATE SET sort = excluded.sort, updated_at = excluded.updated_at")
        .run(a, folder, sortParam(sort), at);
      this.db
        .prepare("DELETE FROM folder_sort WHERE account = ? AND folder NOT IN (SELECT folder FROM folder_sort WHERE account = ? ORDER BY updated_at DESC, folder LIMIT ?)")
        .run(a, a, MAX_FOLDERS);
    })();
  }
}

/** DATABASE_URL: the same table in PostgreSQL, shared by every instance. */
export class PgFolderSortStore implements FolderSortStore {
  constructor(private readonly db: PgDb) {}

  async get(account: string, folder: string): Promise<SortSpec | null> {
    const r = await this.db.query<{ sort: string }>("SELECT sort FROM folder_sort WHERE account = $1 AND folder = $2", [account.toLowerCase(), folder]);
    return parseSort(r.rows[0]?.sort);
  }

  async set(account: string, folder: string, sort: SortSpec, at: number): Promise<void> {
    const a = account.toLowerCase();
    if (isDefaultSort(sort)) {
      await this.db.query("DELETE FROM folder_sort WHERE account = $1 AND folder = $2", [a, folder]);
      return;
    }
    await this.db.query(
      "INSERT INTO folder_sort (account, folder, sort, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (account, folder) DO UPDATE SET sort = excluded.sort, updated_at = excluded.updated_at",
      [a, folder, sortParam(sort), at],
    );
    await this.db.query(
      "DELETE FROM folder_sort WHERE account = $1 AND folder NOT IN (SELECT folder FROM folder_sort WHERE account = $1 ORDER BY updated_at DESC, folder LIMIT $2)",
      [a, MAX_FOLDERS],
    );
  }
}

const slot = ((globalThis as Record<string, unknown>).__mailroomFolderSort ??= { store: null }) as { store: FolderSortStore | null };

/** The process's store, chosen by the backend (lib/db/backend.ts); tests may install their own. */
export function folderSortStore(): FolderSortStore {
  slot.store ??= chooseStore<FolderSortStore>(() => new SqliteFolderSortStore(appDb()), (db) => new PgFolderSortStore(db));
  return slot.store;
}

export function setFolderSortStore(store: FolderSortStore | null): void {
  slot.store = store;
}
