import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_RECENT, PgRecentSearchStore, SqliteRecentSearchStore, rememberSearch, setRecentSearchStore, type RecentSearchStore } from "@/lib/search/recent-searches";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

const backends = [
  { name: "SqliteRecentSearchStore", run: true, open: (): RecentSearchStore => new SqliteRecentSearchStore(new Database(":memory:")) },
  { name: TEST_PG_URL ? "PgRecentSearchStore" : "PgRecentSearchStore (skipped: TEST_DATABASE_URL unset)", run: !!TEST_PG_URL, open: (): RecentSearchStore => new PgRecentSearchStore(freshPg()) },
];

afterEach(async () => {
  setRecentSearchStore(null);
  await dropTestSchemas();
});

describe.each(backends)("$name", ({ open, run }) => {
  it.runIf(run)("keeps recent searches per account, newest first, without repeats, bounded", async () => {
    const store = open();
    setRecentSearchStore(store);
    for (let i = 0; i < MAX_RECENT + 5; i++) await store.add("t287@example.test", `query ${i}`, 1000 + i);
    await store.add("T287@example.test", "query 7", 5000); // used again: moves to the top, not twice
    const list = await store.list("t287@example.test");
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe("query 7");
    expect(list.filter((q) => q === "query 7")).toHaveLength(1);
    expect(list).not.toContain("query 0");
    expect(await store.list("t288@example.test")).toEqual([]);
    expect(await rememberSearch("t288@example.test", "  from:carol   budget ")).toEqual(["from:carol budget"]);
    expect((await rememberSearch("t288@example.test", "x".repeat(1000)))[0]).toHaveLength(200);
    await store.clear("t287@example.test");
    expect(await store.list("t287@example.test")).toEqual([]);
  });
});
