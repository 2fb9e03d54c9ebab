import net from "node:net";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { PgDb } from "@/lib/db/pg";
import { MIGRATIONS, migrate } from "@/lib/db/pg-migrations";
import { errorResponse } from "@/lib/api/respond";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

afterEach(() => dropTestSchemas());

/** A port nothing listens on (bound, then closed). */
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("PgDb: a database that is down or slow", () => {
  it("an unreachable server is DATABASE_UNAVAILABLE, and the API answers JSON 503 with that code", async () => {
    const db = new PgDb({ url: `postgres://mailroom:x@127.0.0.1:${await deadPort()}/mailroom`, timeoutMs: 500 });
    try {
      const err = await db.query("SELECT 1").catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
      const res = errorResponse(err);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: "DATABASE_UNAVAILABLE", message: expect.stringMatching(/database can't be reached/) });
      // A server that accepts the connection but never answers: the connect deadline ends the wait.
      const silent = net.createServer(() => {});
      await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
      const mute = new PgDb({ url: `postgres://mailroom:x@127.0.0.1:${(silent.address() as net.AddressInfo).port}/mailroom`, timeoutMs: 300 });
      const started = Date.now();
      await expect(mute.query("SELECT 1")).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
      expect(Date.now() - started).toBeLessThan(3_000);
      await mute.close();
      silent.close();
    } finally {
      await db.close();
    }
  });
});

describe.runIf(!!TEST_PG_URL)(TEST_PG_URL ? "PgDb on the real PostgreSQL" : "PgDb on the real PostgreSQL (skipped: TEST_DATABASE_URL unset)", () => {
  it("every statement has a deadline: one running past it is cancelled as DATABASE_UNAVAILABLE", async () => {
    const setup = freshPg();
    await setup.migrate(); // with the default deadline: a busy machine may take longer than 300 ms for it
    const db = new PgDb({ url: TEST_PG_URL, schema: setup.schema!, timeoutMs: 300 });
    onTestFinished(() => db.close());
    await expect(db.query("SELECT pg_sleep(3)")).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    expect((await db.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]); // the pool still works
  });

  it("the pool never opens more connections than its cap", async () => {
    const db = freshPg({ max: 2 });
    await db.query("SELECT 1");
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await db.query("SELECT pg_sleep(0.1)");
        peak = Math.max(peak, db.pool.totalCount);
      }),
    );
    expect(peak).toBe(2);
  });

  it("a transaction cut off by a lost connection leaves nothing behind", async () => {
    const db = freshPg();
    await db.query("CREATE TABLE t (v INT)");
    const err = await db
      .tx(async (c) => {
        await c.query("INSERT INTO t VALUES (1)");
        await c.query("SELECT pg_terminate_backend(pg_backend_pid())");
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    expect((await db.query("SELECT count(*) AS n FROM t")).rows).toEqual([{ n: 0 }]);
  });

  it("migrations run once even when several instances start at the same moment, and again are a no-op", async () => {
    const first = freshPg();
    await first.query("SELECT 1"); // creates the schema (and migrates it)
    await first.query(`DROP SCHEMA ${first.schema} CASCADE`);
    await first.query(`CREATE SCHEMA ${first.schema}`);
    const instances = Array.from({ length: 4 }, () => new PgDb({ url: TEST_PG_URL, schema: first.schema! }));
    try {
      const applied = await Promise.all(instances.map(async (db) => {
        const c = await db.pool.connect();
        try {
          return await migrate(c);
        } finally {
          c.release();
        }
      }));
      expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version)); // each version by exactly one instance
      expect((await first.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const again = await instances[0]!.pool.connect();
      try {
        expect(await migrate(again)).toEqual([]);
      } finally {
        again.release();
      }
    } finally {
      await Promise.all(instances.map((db) => db.close()));
    }
  });
});
