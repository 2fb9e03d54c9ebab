import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { PgIdentityStore, SqliteIdentityStore, setIdentityStore, type IdentityStore } from "@/lib/settings/identity-store";
import { getIdentity, saveIdentity } from "@/lib/compose/identity";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

const backends = [
  { name: "SqliteIdentityStore", run: true, open: (): IdentityStore => new SqliteIdentityStore(new Database(":memory:")) },
  { name: TEST_PG_URL ? "PgIdentityStore" : "PgIdentityStore (skipped: TEST_DATABASE_URL unset)", run: !!TEST_PG_URL, open: (): IdentityStore => new PgIdentityStore(freshPg()) },
];

afterEach(async () => {
  setIdentityStore(null);
  await dropTestSchemas();
});

describe.each(backends)("$name", ({ open, run }) => {
  it.runIf(run)("keeps the From name per account (case-insensitive) and falls back to the sign-in name", async () => {
    setIdentityStore(open());
    expect(await getIdentity("t191@example.test", "Tee")).toEqual({ fromName: "Tee" });
    expect(await saveIdentity("T191@example.test", { fromName: "  Tina  Support " })).toEqual({ fromName: "Tina Support" });
    expect(await getIdentity("t191@example.test", "Tee")).toEqual({ fromName: "Tina Support" });
    await saveIdentity("t191@example.test", { fromName: "" });
    expect(await getIdentity("t191@example.test", "Tee")).toEqual({ fromName: "" });
    expect(await getIdentity("t192@example.test", "t192@example.test")).toEqual({ fromName: "" });
  });
});
