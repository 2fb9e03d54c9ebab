import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { openPrivateDatabase } from "@/lib/cache/private-file";

/*
 * Mailroom's own small settings database (apart from the POP3 cache): app.sqlite in MAILROOM_DATA_DIR.
 * Each feature adds its own table here with CREATE TABLE IF NOT EXISTS.
 */
const handles = ((globalThis as Record<string, unknown>).__mailroomAppDb ??= new Map<string, Database.Database>()) as Map<string, Database.Database>;

export function appDb(): Database.Database {
  const dir = path.resolve(env().MAILROOM_DATA_DIR);
  let db = handles.get(dir);
  if (!db) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    db = openPrivateDatabase(path.join(dir, "app.sqlite"));
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    // The From display name per account (compose, issue 5).
    db.exec("CREATE TABLE IF NOT EXISTS identity (account TEXT PRIMARY KEY, from_name TEXT NOT NULL, updated_at INTEGER NOT NULL)");
    handles.set(dir, db);
  }
  return db;
}

/** Shutdown: closes the handles (the WAL is checkpointed into app.sqlite on close). */
export function closeAppDb(): void {
  for (const [dir, db] of handles) {
    db.close();
    handles.delete(dir);
  }
}
