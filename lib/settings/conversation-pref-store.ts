import "server-only";
import type Database from "better-sqlite3";
import { appDb } from "@/lib/app-db";
import { chooseStore } from "@/lib/db/backend";
import type { PgDb } from "@/lib/db/pg";

/**
 * Whether a person reads their mail as conversations (issue 12): kept server-side per account so every
 * browser they sign in from shows the same list. null: never chosen (the UI's default, off).
 */
export interface ConversationPrefStore {
  get(account: string): Promise<boolean | null>;
  set(account: string, enabled: boolean, at: number): Promise<void>;
}

/** The embedded default: a table of app.sqlite (lib/app-db.ts). */
export class SqliteConversationPrefStore implements ConversationPrefStore {
  constructor(private readonly db: Database.Database) {
    db.exec("CREATE TABLE IF NOT EXISTS conversation_pref (account TEXT PRIMARY KEY, enabled INTEGER NOT NULL, updated_at INTEGER NOT NULL)");
  }

  async get(account: string): Promise<boolean | null> {
    const row = this.db.prepare("SELECT enabled FROM conversation_pref WHERE account = ?").get(account.toLowerCase()) as { enabled: number } | undefined;
    return row ? row.enabled === 1 : null;
  }

  async set(account: string, enabled: boolean, at: number): Promise<void> {
    this.db
      .prepare("INSERT INTO conversation_pref (account, enabled, updated_at) VALUES (?, ?, ?) ON CONFLICT(account) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at")
      .run(account.toLowerCase(), enabled ? 1 : 0, at);
  }
}

/** DATABASE_URL: the same choice on every instance (migration 3, lib/db/pg-migrations.ts). */
export class PgConversationPrefStore implements ConversationPrefStore {
  constructor(private readonly db: PgDb) {}

  async get(account: string): Promise<boolean | null> {
    return (await this.db.query<{ enabled: boolean }>("SELECT enabled FROM conversation_pref WHERE account = $1", [account.toLowerCase()])).rows[0]?.enabled ?? null;
  }

  async set(account: string, enabled: boolean, at: number): Promise<void> {
    await this.db.query(
      "INSERT INTO conversation_pref (account, enabled, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at",
      [account.toLowerCase(), enabled, at],
    );
  }
}

const slot = ((globalThis as Record<string, unknown>).__mailroomConversationPref ??= { store: null }) as { store: ConversationPrefStore | null };

/** The process's store, chosen by the backend (lib/db/backend.ts). */
export function conversationPrefStore(): ConversationPrefStore {
  slot.store ??= chooseStore<ConversationPrefStore>(() => new SqliteConversationPrefStore(appDb()), (db) => new PgConversationPrefStore(db));
  return slot.store;
}
