import "server-only";
import type Database from "better-sqlite3";
import { appDb } from "@/lib/app-db";
import { chooseStore } from "@/lib/db/backend";
import type { PgDb } from "@/lib/db/pg";

/**
 * The per-account settings of the Settings page (lib/shared/settings.ts), one JSON document per account.
 * JSON, not a column each: a new setting needs no migration, and lib/shared/settings.ts mergeSettings
 * drops what no longer validates. Async for the PostgreSQL path.
 */
export interface SettingsStore {
  get(account: string): Promise<unknown | null>;
  put(account: string, value: unknown, at: number): Promise<void>;
}

function decode(text: string | undefined): unknown | null {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The embedded default: the account_settings table of app.sqlite (lib/app-db.ts). */
export class SqliteSettingsStore implements SettingsStore {
  constructor(private readonly db: Database.Database) {
    db.exec("CREATE TABLE IF NOT EXISTS account_settings (account TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL)");
  }

  async get(account: string): Promise<unknown | null> {
    const row = this.db.prepare("SELECT value FROM account_settings WHERE account = ?").get(account.toLowerCase()) as { value: string } | undefined;
    return decode(row?.value);
  }

  async put(account: string, value: unknown, at: number): Promise<void> {
    this.db
      .prepare("INSERT INTO account_settings (account, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(account) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
      .run(account.toLowerCase(), JSON.stringify(value), at);
  }
}

/** DATABASE_URL: the account_settings table in PostgreSQL (migration 3), the same on every instance. */
export class PgSettingsStore implements SettingsStore {
  constructor(private readonly db: PgDb) {}

  async get(account: string): Promise<unknown | null> {
    return decode((await this.db.query<{ value: string }>("SELECT value FROM account_settings WHERE account = $1", [account.toLowerCase()])).rows[0]?.value);
  }

  async put(account: string, value: unknown, at: number): Promise<void> {
    await this.db.query(
      "INSERT INTO account_settings (account, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      [account.toLowerCase(), JSON.stringify(value), at],
    );
  }
}

const slot = ((globalThis as Record<string, unknown>).__mailroomSettings ??= { store: null }) as { store: SettingsStore | null };

/** The process's store, chosen by the backend (lib/db/backend.ts); tests may install their own. */
export function settingsStore(): SettingsStore {
  slot.store ??= chooseStore<SettingsStore>(() => new SqliteSettingsStore(appDb()), (db) => new PgSettingsStore(db));
  return slot.store;
}

export function setSettingsStore(store: SettingsStore | null): void {
  slot.store = store;
}
