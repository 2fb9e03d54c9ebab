import "server-only";
import pg from "pg";
import { MailroomError, isMailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { migrate } from "@/lib/db/pg-migrations";

/*
 * The PostgreSQL connection of one process (DATABASE_URL): a pool with a size cap, a deadline on every
 * statement and connect, the schema migrated once before the first query. A database that is down or
 * too slow becomes DATABASE_UNAVAILABLE (503): the statement's transaction is rolled back, so nothing
 * half-done stays behind and the caller (a POP3 sync, an API route) keeps what it had.
 */

export interface PgOptions {
  url: string;
  max?: number;
  timeoutMs?: number;
  /** A schema of its own (tests): created if missing, first on the search_path. */
  schema?: string;
}

/** What stores run statements on: the pool, or one transaction's client. */
export interface Queryable {
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
}

// BIGINT (epoch ms, counts) as a JS number: every value we store is far below 2^53.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser,
};

const UNAVAILABLE = "The database can't be reached right now. Nothing was changed; try again in a minute.";
// Connection-level failures (refused, reset, shut down, timed out) as opposed to a bad statement.
const DOWN_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE", "57P01", "57P02", "57P03", "57014", "53300", "08000", "08003", "08006", "08001", "08004"]);

export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code) return DOWN_CODES.has(e.code);
  // node-pg's own errors carry no code: "Connection terminated unexpectedly", "Query read timeout", "timeout exceeded when trying to connect".
  return /connection terminated|timeout|connection error|not queryable/i.test(e.message ?? "");
}

function mapError(err: unknown): unknown {
  if (isMailroomError(err)) return err;
  if (isDatabaseDown(err)) return new MailroomError("DATABASE_UNAVAILABLE", UNAVAILABLE, { cause: err });
  return err;
}

export class PgDb implements Queryable {
  readonly pool: pg.Pool;
  readonly schema: string | null;
  private ready: Promise<void> | null = null;
  private closed = false;

  constructor(opts: PgOptions) {
    const timeout = opts.timeoutMs ?? 10_000;
    this.schema = opts.schema ?? null;
    if (this.schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error("bad schema name");
    this.pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.max ?? 10,
      connectionTimeoutMillis: timeout,
      idleTimeoutMillis: 30_000,
      // Server-side deadline (the statement is cancelled) and client-side one (a server that stops answering).
      statement_timeout: timeout,
      query_timeout: timeout + 1_000,
      lock_timeout: timeout,
      idle_in_transaction_session_timeout: timeout * 3,
      application_name: "mailroom",
      types,
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // An idle client losing its connection (database restart) must not crash the process.
    this.pool.on("error", (err) => logger.warn("database connection lost", { error: err.message }));
  }

  /**
   * A client out of the pool: a lost connection while we hold it is emitted as 'error' on the client
   * (the pool listens only on idle ones) and, unheard, would crash the process. The statement in
   * flight fails on its own; the client is then discarded (release(true)).
   */
  private async checkout(): Promise<{ client: pg.PoolClient; lost: () => boolean; done: (broken?: boolean) => void }> {
    const client = await this.pool.connect();
    let lost = false;
    const onError = (err: Error) => {
      lost = true;
      logger.warn("database connection lost", { error: err.message });
    };
    client.on("error", onError);
    return {
      client,
      lost: () => lost,
      done: (broken = false) => {
        client.off("error", onError);
        client.release(broken || lost);
      },
    };
  }

  /** Migrates once per process; a failed attempt (database down) is retried by the next query. */
  private async init(): Promise<void> {
    if (this.closed) throw new MailroomError("DATABASE_UNAVAILABLE", UNAVAILABLE);
    this.ready ??= (async () => {
      const { client, done } = await this.checkout();
      try {
        if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await migrate(client);
      } finally {
        done();
      }
    })().catch((err) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  /** Start-up: creates or migrates the schema now rather than on the first request. */
  async migrate(): Promise<void> {
    try {
      await this.init();
    } catch (err) {
      throw mapError(err);
    }
  }

  async query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<T>> {
    try {
      await this.init();
      return await this.pool.query<T>(sql, params);
    } catch (err) {
      throw mapError(err);
    }
  }

  /** Runs `fn` in one transaction (rolled back when it throws). */
  async tx<T>(fn: (c: Queryable) => Promise<T>): Promise<T> {
    let held: Awaited<ReturnType<PgDb["checkout"]>> | undefined;
    let broken = false;
    try {
      await this.init();
      held = await this.checkout();
      await held.client.query("BEGIN");
      const out = await fn(held.client);
      await held.client.query("COMMIT");
      return out;
    } catch (err) {
      // A broken connection is thrown away rather than returned to the pool; the server rolls back for it.
      if (held && !held.lost()) await held.client.query("ROLLBACK").catch(() => (broken = true));
      throw mapError(err);
    } finally {
      held?.done(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
