import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { PgConversationPrefStore, SqliteConversationPrefStore, type ConversationPrefStore } from "@/lib/settings/conversation-pref-store";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

async function scenario(s: ConversationPrefStore) {
  expect(await s.get("Ana@Example.test")).toBeNull();
  await s.set("Ana@Example.test", true, 1);
  expect(await s.get("ana@example.test")).toBe(true);
  expect(await s.get("ben@example.test")).toBeNull();
  await s.set("ana@example.test", false, 2);
  expect(await s.get("ANA@example.test")).toBe(false);
}

describe("conversation toggle store", () => {
  it("remembers the choice per account (SQLite), case-insensitively", async () => {
    await scenario(new SqliteConversationPrefStore(new Database(":memory:")));
  });
});

describe.runIf(!!TEST_PG_URL)(TEST_PG_URL ? "PgConversationPrefStore" : "PgConversationPrefStore (skipped: TEST_DATABASE_URL unset, run scripts/test.sh)", () => {
  afterEach(() => dropTestSchemas());
  it("remembers the choice per account (PostgreSQL)", async () => {
    await scenario(new PgConversationPrefStore(freshPg()));
  });
});
