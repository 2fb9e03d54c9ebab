import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/*
 * Mail, sessions and settings on disk are readable by the server's user only: files 0600, directories
 * 0700, whatever the process umask (instrumentation.ts also sets 0077 as a second line).
 */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Opens (creating if needed) a SQLite database that only this user can read, with its -wal and -shm. */
export function openPrivateDatabase(file: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: DIR_MODE });
  // Created here first with 0600: SQLite gives the -wal and -shm files the database file's mode.
  closeSync(openSync(file, "a", FILE_MODE));
  chmodSync(file, FILE_MODE); // a file from an older version, made under a looser umask
  return new Database(file);
}
