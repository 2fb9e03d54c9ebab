import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteRevocationStore } from "@/lib/auth/revocations";
import { PgRevocationStore } from "@/lib/auth/pg-revocations";
import { PgDb } from "@/lib/db/pg";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

afterEach(() => dropTestSchemas());

// The same rules on both backends: SQLite (app.sqlite) and the real PostgreSQL. `sessionRows` counts
// what is kept, to see that expired revocations are deleted, not just ignored.
const backends = [
  {
    name: "SqliteRevocationStore",
    run: true,
    open(now: () => number) {
      const db = new Database(":memory:");
      return { store: new SqliteRevocationStore(db, now), sessionRows: async () => db.prepare("SELECT count(*) AS n FROM revoked_session").get() };
    },
  },
  {
    name: TEST_PG_URL ? "PgRevocationStore" : "PgRevocationStore (skipped: TEST_DATABASE_URL unset)",
    run: !!TEST_PG_URL,
    open(now: () => number) {
      const db = freshPg();
      return { store: new PgRevocationStore(db, now), sessionRows: async () => (await db.query("SELECT count(*) AS n FROM revoked_session")).rows[0] };
    },
  },
];

describe.each(backends)("$name", ({ open, run }) => {
describe.runIf(run)("revocation store", () => {
  it("forgets a revocation once every token it concerns has expired", async () => {
    let now = 1_000_000;
    const { store, sessionRows } = open(() => now);
    await store.revokeSession("old", now + 1000);
    await store.revokePassword("a@example.test", "fp", now, now + 1000);
    expect(await store.isSessionRevoked("old")).toBe(true);
    now += 120_000;
    expect(await store.isSessionRevoked("old")).toBe(false);
    expect(await store.passwordRevokedAt("a@example.test", "fp")).toBeNull();
    await store.revokeSession("new", now + 1000);
    expect(await sessionRows()).toEqual({ n: 1 });
  });

  it("keeps the latest refusal of a password", async () => {
    const { store } = open(Date.now);
    await store.revokePassword("a@example.test", "fp", 2000, Date.now() + 10_000);
    await store.revokePassword("a@example.test", "fp", 1000, Date.now() + 10_000);
    expect(await store.passwordRevokedAt("A@example.test", "fp")).toBe(2000);
  });
});
});

const fileIn = () => path.join(mkdtempSync(path.join(os.tmpdir(), "mailroom-revocations-")), "app.sqlite");

describe("SqliteRevocationStore", () => {
  it("a revoked session id survives a new process (a new handle on the same file)", async () => {
    const file = fileIn();
    const first = new Database(file);
    const before = new SqliteRevocationStore(first);
    await before.revokeSession("sid-1", Date.now() + 3_600_000);
    await before.revokePassword("T48@example.test", "fp-1", 1234, Date.now() + 3_600_000);
    first.close();

    const after = new SqliteRevocationStore(new Database(file));
    expect(await after.isSessionRevoked("sid-1")).toBe(true);
    expect(await after.isSessionRevoked("sid-2")).toBe(false);
    expect(await after.passwordRevokedAt("t48@example.test", "fp-1")).toBe(1234);
    expect(await after.passwordRevokedAt("t48@example.test", "fp-2")).toBeNull();
  });
});

describe.runIf(!!TEST_PG_URL)(TEST_PG_URL ? "PgRevocationStore" : "PgRevocationStore (skipped: TEST_DATABASE_URL unset)", () => {
  it("a revocation made through one instance's pool is seen through another's", async () => {
    const a = freshPg();
    const b = new PgDb({ url: TEST_PG_URL, schema: a.schema! });
    try {
      await new PgRevocationStore(a).revokeSession("sid-1", Date.now() + 3_600_000);
      await new PgRevocationStore(a).revokePassword("T48@example.test", "fp-1", 1234, Date.now() + 3_600_000);
      const other = new PgRevocationStore(b);
      expect(await other.isSessionRevoked("sid-1")).toBe(true);
      expect(await other.isSessionRevoked("sid-2")).toBe(false);
      expect(await other.passwordRevokedAt("t48@example.test", "fp-1")).toBe(1234);
      expect(await other.passwordRevokedAt("t48@example.test", "fp-2")).toBeNull();
    } finally {
      await b.close();
    }
  });
});
