import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { Cache } from "@/lib/cache/open-cache";
import { FileBlobStore } from "@/lib/cache/blob-store";
import { PgCacheStore } from "@/lib/cache/pg-store";
import { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import type { SearchChunk } from "@/lib/shared/search-stream";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

/*
 * Issue 13 point 9: a search's count of words' matches stops at the store's cap (SEARCH_COUNT_CAP; 3 here),
 * on both CacheStore backends, and says so (`totalAtLeast`); filters alone count exactly.
 */
const A = "t99@example.test";

const backends = [
  { name: "SqliteCacheStore", run: true, open: (dir: string, cap: number): Cache => ({ store: new SqliteCacheStore(path.join(dir, "capped.sqlite"), { searchCountCap: cap }), blobs: new FileBlobStore(dir), dataDir: dir }) },
  {
    name: TEST_PG_URL ? "PgCacheStore" : "PgCacheStore (skipped: TEST_DATABASE_URL unset, run scripts/test.sh)",
    run: !!TEST_PG_URL,
    open: (dir: string, cap: number): Cache => ({ store: new PgCacheStore(freshPg(), { searchCountCap: cap }), blobs: new FileBlobStore(dir), dataDir: dir }),
  },
];

const eml = (subject: string, from: string, body: string) =>
  Buffer.from(`From: ${from}\r\nTo: ${A}\r\nSubject: ${subject}\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\nMessage-ID: <${subject.replace(/\W/g, "")}@x>\r\n\r\n${body}\r\n`);

async function add(c: Cache, raw: Buffer, folder = "INBOX") {
  await c.store.ensureAccount(A);
  const tmp = await writeTemp(c, Readable.from([raw]), "test");
  return storeMessage(c, tmp, { account: A, folderPath: folder });
}

afterAll(async () => {
  await dropTestSchemas();
});

describe.each(backends)("$name: a search's count", ({ open, run }) => {
  it.runIf(run)("counts a search's matches up to the store's cap, then says 'at least' — in a page, a stream and a count", async () => {
    const c = open(mkdtempSync(path.join(os.tmpdir(), "mailroom-capped-")), 3);
    try {
      const s = new Pop3Store(c, A);
      for (let i = 1; i <= 5; i++) await add(c, eml(`Invoice ${i}`, "billing@acme.test", "amount due"));
      await add(c, eml("Invoice x", "billing@acme.test", "paid"), "Archive");
      await add(c, eml("Lunch", "bob@globex.test", "soup"));
      const page = await s.listMessages("INBOX", { limit: 2, search: { text: "invoice", field: "all" } });
      expect(page).toMatchObject({ total: 3, totalAtLeast: true });
      expect(page.messages.map((m) => m.subject)).toEqual(["Invoice 5", "Invoice 4"]);
      expect(await c.store.countSearch(A, "INBOX", { text: "invoice", field: "all" })).toEqual({ total: 3, totalAtLeast: true });
      const chunks: SearchChunk[] = [];
      await s.searchStream("INBOX", { text: "invoice", field: "all", limit: 2, deadlineAt: Date.now() + 5000 }, (chunk) => void chunks.push(chunk));
      expect(chunks.at(-1)).toMatchObject({ type: "done", total: 3, totalAtLeast: true, complete: true });
      // Filters alone count exactly, on indexes: the cap is for words.
      const filtered = await s.listMessages("INBOX", { limit: 2, search: { text: "after:2000-01-01", field: "all" } });
      expect(filtered.total).toBe(6);
      expect(filtered.totalAtLeast).toBeUndefined();
      // At or under the cap: exact, with no "at least" (the Archive's match is another folder's).
      const exact = await s.listMessages("INBOX", { limit: 2, search: { text: "invoice 5", field: "all" } });
      expect(exact.total).toBe(1);
      expect(exact.totalAtLeast).toBeUndefined();
      await s.remove("INBOX", page.messages.map((m) => m.uid).slice(0, 2)); // 3 left: exactly the cap
      const three = await s.listMessages("INBOX", { limit: 2, search: { text: "invoice", field: "all" } });
      expect(three.total).toBe(3);
      expect(three.totalAtLeast).toBeUndefined();
    } finally {
      (c.store as { close?: () => void }).close?.();
    }
  });
});
