import "server-only";
import type Database from "better-sqlite3";
import { appDb } from "@/lib/app-db";
import { chooseStore } from "@/lib/db/backend";
import type { PgDb } from "@/lib/db/pg";

/** Per-account settings kept by Mailroom (today: the From display name). Async for the PostgreSQL path. */
export interface IdentityStore {
  getFromName(account: string): Promise<string | null>;
  setFromName(account: string, fromName: string, at: number): Promise<void>;
}

/** The embedded default: the identity table of app.sqlite (lib/app-db.ts). */
export class SqliteIdentityStore implements IdentityStore {
  constructor(private readonly db: Database.Database) {
    db.exec("CREATE TABLE IF NOT EXISTS identity (account TEXT PRIMARY KEY, from_name TEXT NOT NULL, updated_at INTEGER NOT NULL)");
  }

  async getFromName(account: string): Promise<string | null> {
    const row = this.db.prepare("SELECT from_name FROM identity WHERE account = ?").get(account.toLowerCase()) as { from_name: string } | undefined;
    return row?.from_name ?? null;
  }

  async setFromName(account: string, fromName: string, at: number): Promise<void> {
    this.db
      .prepare("INSERT INTO identity (account, from_name, updated_at) VALUES (?, ?, ?) ON CONFLICT(account) DO UPDATE SET from_name = excluded.from_name, updated_at = excluded.updated_at")
      .run(account.toLowerCase(), fromName, at);
  }
}

/** DATABASE_URL: the identity table in PostgreSQL, the same on every instance. */
export class PgIdentityStore implements IdentityStore {
  constructor(private readonly db: PgDb) {}

  async getFromName(account: string): Promise<string | null> {
    return (await this.db.query<{ from_name: string }>("SELECT from_name FROM identity WHERE account = $1", [account.toLowerCase()])).rows[0]?.from_name ?? null;
  }

  async setFromName(account: string, fromName: string, at: number): Promise<void> {
    await this.db.query(
      "INSERT INTO identity (account, from_name, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account) DO UPDATE SET from_name = excluded.from_name, updated_at = excluded.updated_at",
      [account.toLowerCase(), fromName, at],
    );
  }
}

const slot = ((globalThis as Record<string, unknown>).__mailroomIdentity ??= { store: null }) as { store: IdentityStore | null };

/** The process's store, chosen by the backend (lib/db/backend.ts); tests may install their own. */
export function identityStore(): IdentityStore {
  slot.store ??= chooseStore<IdentityStore>(() => new SqliteIdentityStore(appDb()), (db) => new PgIdentityStore(db));
  return slot.store;
}

export function setIdentityStore(store: IdentityStore | null): void {
  slot.store = store;
}
