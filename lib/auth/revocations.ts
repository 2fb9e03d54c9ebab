import "server-only";
import type Database from "better-sqlite3";
import { appDb } from "@/lib/app-db";
import { env } from "@/lib/env";
import { passwordFingerprint } from "@/lib/auth/seal";
import { PgRevocationStore } from "@/lib/auth/pg-revocations";
import { chooseStore } from "@/lib/db/backend";
import { sharedState } from "@/lib/shared-state/state";

/**
 * Ended sessions, kept where every process (and, later, every instance) sees them: session tokens are
 * self-contained JWTs, so ending one early means remembering its id until it would have expired anyway.
 * Async so that a shared store (the multi-instance path) can implement it over the network.
 */
export interface RevocationStore {
  /** Sign-out: the session `sid` stops working everywhere; the row may be forgotten after `until` (ms). */
  revokeSession(sid: string, until: number): Promise<void>;
  isSessionRevoked(sid: string): Promise<boolean>;
  /**
   * The mail server refused this password (fingerprint, see passwordFingerprint) at time `at`: every
   * session of `account` that signed in with it before `at` ends.
   */
  revokePassword(account: string, fingerprint: string, at: number, until: number): Promise<void>;
  /** The latest such refusal, or null. */
  passwordRevokedAt(account: string, fingerprint: string): Promise<number | null>;
}

/** The embedded default: two tables in the data directory's app.sqlite (or any better-sqlite3 handle). */
export class SqliteRevocationStore implements RevocationStore {
  private readonly stmts;
  private purgedAt = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = () => Date.now(),
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS revoked_session (sid TEXT PRIMARY KEY, until INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS revoked_password (account TEXT NOT NULL, fingerprint TEXT NOT NULL, revoked_at INTEGER NOT NULL, until INTEGER NOT NULL, PRIMARY KEY (account, fingerprint))`);
    this.stmts = {
      addSession: db.prepare("INSERT INTO revoked_session (sid, until) VALUES (?, ?) ON CONFLICT(sid) DO UPDATE SET until = max(until, excluded.until)"),
      getSession: db.prepare<[string, number], { one: number }>("SELECT 1 AS one FROM revoked_session WHERE sid = ? AND until >= ?"),
      purgeSessions: db.prepare("DELETE FROM revoked_session WHERE until < ?"),
      addPassword: db.prepare(
        "INSERT INTO revoked_password (account, fingerprint, revoked_at, until) VALUES (?, ?, ?, ?) ON CONFLICT(account, fingerprint) DO UPDATE SET revoked_at = max(revoked_at, excluded.revoked_at), until = max(until, excluded.until)",
      ),
      getPassword: db.prepare<[string, string, number], { revoked_at: number }>("SELECT revoked_at FROM revoked_password WHERE account = ? AND fingerprint = ? AND until >= ?"),
      purgePasswords: db.prepare("DELETE FROM revoked_password WHERE until < ?"),
    };
  }

  /** Rows past their horizon concern only expired tokens: dropped at most once a minute. */
  private purge(): void {
    const now = this.now();
    if (now - this.purgedAt < 60_000) return;
    this.purgedAt = now;
    this.stmts.purgeSessions.run(now);
    this.stmts.purgePasswords.run(now);
  }

  async revokeSession(sid: string, until: number): Promise<void> {
    this.purge();
    this.stmts.addSession.run(sid, until);
  }

  async isSessionRevoked(sid: string): Promise<boolean> {
    return this.stmts.getSession.get(sid, this.now()) !== undefined;
  }

  async revokePassword(account: string, fingerprint: string, at: number, until: number): Promise<void> {
    this.purge();
    this.stmts.addPassword.run(account.toLowerCase(), fingerprint, at, until);
  }

  async passwordRevokedAt(account: string, fingerprint: string): Promise<number | null> {
    return this.stmts.getPassword.get(account.toLowerCase(), fingerprint, this.now())?.revoked_at ?? null;
  }
}

const slot = ((globalThis as Record<string, unknown>).__mailroomRevocations ??= { store: null }) as { store: RevocationStore | null };

/**
 * The process's store: the shared-state backend's (Redis with REDIS_URL), else PostgreSQL with
 * DATABASE_URL, else SQLite in MAILROOM_DATA_DIR, unless another was installed (a test).
 */
export function revocationStore(): RevocationStore {
  slot.store ??= sharedState().revocations() ?? chooseStore<RevocationStore>(() => new SqliteRevocationStore(appDb()), (db) => new PgRevocationStore(db));
  return slot.store;
}

export function setRevocationStore(store: RevocationStore | null): void {
  slot.store = store;
}

/** How long a revocation must be remembered: until every token it could concern has expired on its own. */
export function revocationHorizon(now = Date.now()): number {
  return now + env().SESSION_MAX_HOURS * 3_600_000 + 60_000;
}

export function fingerprintOf(creds: { user: string; password: string }): string {
  return passwordFingerprint(creds.user, creds.password, env().NEXTAUTH_SECRET);
}

/**
 * The mail server refused this account's password (a sync, a re-verification): every session holding it
 * ends, on every process that shares the store. Sessions that sign in again with a password the server
 * accepts carry a later sign-in time and are not affected.
 */
export async function endSessionsWithPassword(creds: { user: string; password: string }, at = Date.now()): Promise<void> {
  await revocationStore().revokePassword(creds.user, fingerprintOf(creds), at, revocationHorizon(at));
}
