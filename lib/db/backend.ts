import "server-only";
import { databaseUrlSetting, env } from "@/lib/env";
import { PgDb } from "@/lib/db/pg";

/*
 * Which database holds the durable data that is not mail: PostgreSQL when DATABASE_URL is set (every
 * instance shares it), otherwise SQLite files in MAILROOM_DATA_DIR. The store openers (openCache,
 * activityStore, revocationStore, identityStore, teamStore) ask here, so the choice is made in one place.
 */
export type Backend = "sqlite" | "postgres";

export function backend(): Backend {
  return databaseUrl() ? "postgres" : "sqlite";
}

/**
 * The full configuration when it is valid (the server: instrumentation.ts checked it at boot); a tool
 * or test that opens a cache without the rest of it (no NEXTAUTH_SECRET) still gets DATABASE_URL,
 * validated on its own.
 */
function databaseUrl(): string | undefined {
  let full;
  try {
    full = env();
  } catch {
    return databaseUrlSetting();
  }
  return full.DATABASE_URL;
}

const slot = ((globalThis as Record<string, unknown>).__mailroomPg ??= { db: null }) as { db: PgDb | null };

/**
 * The factory every store opener goes through: the SQLite store, or the PostgreSQL one on the
 * process's shared pool, by DATABASE_URL.
 */
export function chooseStore<T>(sqlite: () => T, postgres: (db: PgDb) => T): T {
  return backend() === "postgres" ? postgres(sharedPg()) : sqlite();
}

/** The process's PostgreSQL pool (DATABASE_URL); created on first use, migrated before its first query. */
export function sharedPg(): PgDb {
  const e = env();
  if (!e.DATABASE_URL) throw new Error("sharedPg() without DATABASE_URL");
  slot.db ??= new PgDb({ url: e.DATABASE_URL, max: e.DATABASE_POOL_MAX, timeoutMs: e.DATABASE_TIMEOUT_MS });
  return slot.db;
}

/** Shutdown: ends the pool (its connections close; later queries fail with DATABASE_UNAVAILABLE). */
export async function closeSharedPg(): Promise<void> {
  const db = slot.db;
  slot.db = null;
  await db?.close();
}

/**
 * Start-up (instrumentation.ts): creates or migrates the schema with a pool of its own, closed after.
 * Not sharedPg(): instrumentation runs from a bundle of its own, and a pool it left on globalThis would
 * throw that bundle's copy of MailroomError into the routes, where `instanceof` no longer knows it.
 */
export async function migrateAtStartup(): Promise<void> {
  const e = env();
  if (!e.DATABASE_URL) return;
  const db = new PgDb({ url: e.DATABASE_URL, max: 1, timeoutMs: Math.max(e.DATABASE_TIMEOUT_MS, 60_000) });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
}
