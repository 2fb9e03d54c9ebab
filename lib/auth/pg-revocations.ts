import "server-only";
import type { PgDb } from "@/lib/db/pg";
import type { RevocationStore } from "@/lib/auth/revocations";

/** Revocations in PostgreSQL (DATABASE_URL): one sign-out ends the session on every instance. */
export class PgRevocationStore implements RevocationStore {
  private purgedAt = 0;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Rows past their horizon concern only expired tokens: dropped at most once a minute per process. */
  private async purge(): Promise<void> {
    const now = this.now();
    if (now - this.purgedAt < 60_000) return;
    this.purgedAt = now;
    await this.db.query("DELETE FROM revoked_session WHERE until < $1", [now]);
    await this.db.query("DELETE FROM revoked_password WHERE until < $1", [now]);
  }

  async revokeSession(sid: string, until: number): Promise<void> {
    await this.purge();
    await this.db.query("INSERT INTO revoked_session (sid, until) VALUES ($1, $2) ON CONFLICT (sid) DO UPDATE SET until = greatest(revoked_session.until, excluded.until)", [sid, until]);
  }

  async isSessionRevoked(sid: string): Promise<boolean> {
    return !!(await this.db.query("SELECT 1 FROM revoked_session WHERE sid = $1 AND until >= $2", [sid, this.now()])).rowCount;
  }

  async revokePassword(account: string, fingerprint: string, at: number, until: number): Promise<void> {
    await this.purge();
    await this.db.query(
      `INSERT INTO revoked_password (account, fingerprint, revoked_at, until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account, fingerprint) DO UPDATE SET revoked_at = greatest(revoked_password.revoked_at, excluded.revoked_at), until = greatest(revoked_password.until, excluded.until)`,
      [account.toLowerCase(), fingerprint, at, until],
    );
  }

  async passwordRevokedAt(account: string, fingerprint: string): Promise<number | null> {
    const r = await this.db.query<{ revoked_at: number }>("SELECT revoked_at FROM revoked_password WHERE account = $1 AND fingerprint = $2 AND until >= $3", [account.toLowerCase(), fingerprint, this.now()]);
    return r.rows[0]?.revoked_at ?? null;
  }
}
