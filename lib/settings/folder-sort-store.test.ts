import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_FOLDERS, PgFolderSortStore, SqliteFolderSortStore, type FolderSortStore } from "@/lib/settings/folder-sort-store";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

const backends = [
  { name: "SqliteFolderSortStore", run: true, open: (): FolderSortStore => new SqliteFolderSortStore(new Database(":memory:")) },
  { name: TEST_PG_URL ? "PgFolderSortStore" : "PgFolderSortStore (skipped: TEST_DATABASE_URL unset)", run: !!TEST_PG_URL, open: (): FolderSortStore => new PgFolderSortStore(freshPg()) },
];

afterEach(async () => {
  await dropTestSchemas();
});

describe.each(backends)("$name", ({ open, run }) => {
  it.runIf(run)("remembers the order per account and folder; the default clears it", async () => {
    const s = open();
    expect(await s.get("t241@example.test", "INBOX")).toBeNull();
    await s.set("T241@example.test", "INBOX", { key: "from", desc: false }, 1);
    await s.set("t241@example.test", "Sent", { key: "size", desc: true }, 2);
    expect(await s.get("t241@example.test", "INBOX")).toEqual({ key: "from", desc: false });
    expect(await s.get("t241@example.test", "Sent")).toEqual({ key: "size", desc: true });
    expect(await s.get("t242@example.test", "INBOX")).toBeNull();
    await s.set("t241@example.test", "INBOX", { key: "arrival", desc: true }, 3);
    expect(await s.get("t241@example.test", "INBOX")).toBeNull();
  });

  it.runIf(run)("keeps at most MAX_FOLDERS folders per account", async () => {
    const s = open();
    for (let i = 0; i <= MAX_FOLDERS; i++) await s.set("t243@example.test", `F${i}`, { key: "date", desc: false }, i);
    expect(await s.get("t243@example.test", "F0")).toBeNull();
    expect(await s.get("t243@example.test", `F${MAX_FOLDERS}`)).toEqual({ key: "date", desc: false });
  });
});
