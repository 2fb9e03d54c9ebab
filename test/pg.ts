import { randomBytes } from "node:crypto";
import pg from "pg";
import { PgDb } from "@/lib/db/pg";

/*
 * The real PostgreSQL for store tests: TEST_DATABASE_URL, set by scripts/test.sh after
 * scripts/pg-stack.sh starts the private server. Each test gets a schema of its own (dropped after),
 * so test files run in parallel without seeing each other's rows. Without TEST_DATABASE_URL the
 * PostgreSQL variants are skipped (their names say so); `npm test` always sets it.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL || "";

const opened: PgDb[] = [];

export function freshPg(opts: { timeoutMs?: number; max?: number } = {}): PgDb {
  const db = new PgDb({ url: TEST_PG_URL, schema: `t_${randomBytes(6).toString("hex")}`, ...opts });
  opened.push(db);
  return db;
}

/** Ends the pools and drops the schemas freshPg made (afterEach/afterAll). */
export async function dropTestSchemas(): Promise<void> {
  const dbs = opened.splice(0);
  await Promise.all(dbs.map((db) => db.close().catch(() => {})));
  if (!dbs.length) return;
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    for (const db of dbs) await c.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
  } finally {
    await c.end();
  }
}
