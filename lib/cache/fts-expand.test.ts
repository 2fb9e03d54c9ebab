import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "@/lib/cache/open-cache";
import { FileBlobStore } from "@/lib/cache/blob-store";
import { ftsMatch } from "@/lib/cache/fts-query";
import { EXPAND_MAX, termExpander } from "@/lib/cache/sqlite-list";
import { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { Pop3Store } from "@/lib/pop3/pop3-store";

/*
 * Issue 13 point 9: a POP3 search word is matched by its terms by name where the full-text index's
 * vocabulary names few enough (FTS5 reads a named term's match list lazily; a prefix query merges every
 * covered term's whole list first: ~15 ms against ~2 for a word in every one of 100,000 messages, see
 * the pop3_cache bench). The matches must be exactly the prefix query's.
 */
const A = "t98@example.test";
let dir: string;
let c: Cache;
let store: SqliteCacheStore;
let mail: Pop3Store;

const eml = (n: number, subject: string, body: string) =>
  Buffer.from(`From: Sender ${n} <s${n}@example.test>\r\nTo: ${A}\r\nSubject: ${subject}\r\nDate: Mon, 02 Nov 2026 10:${String(n).padStart(2, "0")}:00 +0000\r\nMessage-ID: <m${n}@x>\r\n\r\n${body}\r\n`);

const BODIES = ["alpha", "Alphabet soup", "ALPHANUMERIC codes", "alp only", "the café opens", "cafeteria menu", "nothing here", ...Array.from({ length: EXPAND_MAX + 1 }, (_, i) => `word${i} and more`), "word"];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-expand-"));
  store = new SqliteCacheStore(path.join(dir, "c.sqlite"));
  c = { store, blobs: new FileBlobStore(dir), dataDir: dir };
  await store.ensureAccount(A);
  for (const [i, body] of BODIES.entries()) {
    const tmp = await writeTemp(c, Readable.from([eml(i, `Message ${i}`, body)]), "test");
    await storeMessage(c, tmp, { account: A, folderPath: "INBOX" });
  }
  mail = new Pop3Store(c, A);
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const bodiesFound = async (text: string) => {
  const page = await mail.listMessages("INBOX", { limit: 50, search: { text, field: "body" } });
  return page.messages.map((m) => BODIES[Number(m.subject.split(" ")[1])]).sort();
};
const prepare = (sql: string) => store.db.prepare(sql);

describe("a search word matched by its terms by name", () => {
  it("names the longer terms the vocabulary holds, and leaves short, non-ASCII or many-termed words to a prefix query", () => {
    const expand = termExpander(prepare);
    expect(expand("alpha")).toEqual(["alphabet", "alphanumeric"]);
    expect(expand("Alphab")).toEqual(["alphabet"]);
    expect(expand("alphabet")).toEqual([]);
    expect(expand("cafe")).toEqual(["cafeteria"]); // the index folded "café" to "cafe": the word itself
    expect(expand("word")).toBeNull(); // more than EXPAND_MAX longer terms
    expect(expand("al")).toBeNull(); // too short: too many terms to name
    expect(expand("café")).toBeNull(); // folded by FTS5, not by us
    expect(expand("e-mail")).toBeNull(); // two tokens
    const text = { terms: ["alpha", "word"], from: ["alp"], subject: [], field: "body" as const };
    expect(ftsMatch(text, expand)).toBe('body : (("alpha" OR "alphabet" OR "alphanumeric") AND "word"*) AND sender : (("alp" OR "alpha" OR "alphabet" OR "alphanumeric"))');
    expect(ftsMatch(text)).toBe('body : ("alpha"* AND "word"*) AND sender : ("alp"*)');
  });

  it("finds exactly what the prefix query finds", async () => {
    expect(await bodiesFound("alpha")).toEqual(["ALPHANUMERIC codes", "Alphabet soup", "alpha"]);
    expect(await bodiesFound("ALPHAB")).toEqual(["Alphabet soup"]);
    expect(await bodiesFound("alp")).toEqual(["ALPHANUMERIC codes", "Alphabet soup", "alp only", "alpha"]);
    expect(await bodiesFound("caf")).toEqual(["cafeteria menu", "the café opens"]);
    expect(await bodiesFound("café")).toEqual(["cafeteria menu", "the café opens"]);
    expect(await bodiesFound("word")).toHaveLength(EXPAND_MAX + 2);
    expect(await bodiesFound("alpha codes")).toEqual(["ALPHANUMERIC codes"]);
    expect(await bodiesFound("zzz")).toEqual([]);
  });
});
