import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// The configuration the factory reads, switched per test.
const cfg = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock("@/lib/env", async (importOriginal) => ({ ...(await importOriginal<object>()), env: () => cfg.current }));

const { closeSharedPg } = await import("@/lib/db/backend");
const { openCache, closeCache } = await import("@/lib/cache/open-cache");
const { revocationStore, setRevocationStore } = await import("@/lib/auth/revocations");
const { identityStore, setIdentityStore } = await import("@/lib/settings/identity-store");
const { activityStore } = await import("@/lib/activity/trail");
const { PgCacheStore } = await import("@/lib/cache/pg-store");
const { SqliteCacheStore } = await import("@/lib/cache/sqlite-store");
const { PgRevocationStore } = await import("@/lib/auth/pg-revocations");
const { SqliteRevocationStore } = await import("@/lib/auth/revocations");
const { PgIdentityStore, SqliteIdentityStore } = await import("@/lib/settings/identity-store");
const { PgActivityStore } = await import("@/lib/activity/pg-activity-store");
const { SqliteActivityStore } = await import("@/lib/activity/sqlite-activity-store");

const reset = () => {
  setRevocationStore(null);
  setIdentityStore(null);
  delete (globalThis as Record<string, unknown>).__mailroomActivity;
};
afterAll(async () => {
  reset();
  await closeSharedPg();
});

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), "mailroom-backend-"));

describe("the store factory", () => {
  it("without DATABASE_URL every opener gives the SQLite store", () => {
    reset();
    cfg.current = { MAILROOM_DATA_DIR: dataDir(), SESSION_MAX_HOURS: 12 };
    const cache = openCache(cfg.current.MAILROOM_DATA_DIR as string);
    expect(cache.store).toBeInstanceOf(SqliteCacheStore);
    closeCache(cache.dataDir);
    expect(revocationStore()).toBeInstanceOf(SqliteRevocationStore);
    expect(identityStore()).toBeInstanceOf(SqliteIdentityStore);
    expect(activityStore()).toBeInstanceOf(SqliteActivityStore);
  });

  it("with DATABASE_URL every opener gives the PostgreSQL store on one shared pool (no connection opened yet)", () => {
    reset();
    cfg.current = { MAILROOM_DATA_DIR: dataDir(), DATABASE_URL: "postgres://mr:pw@127.0.0.1:1/mailroom", DATABASE_POOL_MAX: 3, DATABASE_TIMEOUT_MS: 500 };
    const dir = cfg.current.MAILROOM_DATA_DIR as string;
    const cache = openCache(dir);
    expect(cache.store).toBeInstanceOf(PgCacheStore);
    expect(cache.dataDir).toBe(path.resolve(dir)); // blobs stay on the data volume
    closeCache(cache.dataDir);
    expect(revocationStore()).toBeInstanceOf(PgRevocationStore);
    expect(identityStore()).toBeInstanceOf(PgIdentityStore);
    expect(activityStore()).toBeInstanceOf(PgActivityStore);
    const pool = (globalThis as { __mailroomPg?: { db: { pool: { options: { max: number } } } } }).__mailroomPg!.db.pool;
    expect(pool.options.max).toBe(3);
  });
});
