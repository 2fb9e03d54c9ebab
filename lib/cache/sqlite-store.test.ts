import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { FileBlobStore } from "@/lib/cache/blob-store";
import { PgCacheStore } from "@/lib/cache/pg-store";
import type { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import type { SearchChunk } from "@/lib/shared/search-stream";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

const A = "t99@example.test";

// The same suite against both CacheStore backends: SQLite (the default) and the real PostgreSQL.
const backends = [
  { name: "SqliteCacheStore", run: true, open: (dir: string): Cache => openCache(dir) },
  {
    name: TEST_PG_URL ? "PgCacheStore" : "PgCacheStore (skipped: TEST_DATABASE_URL unset, run scripts/test.sh)",
    run: !!TEST_PG_URL,
    open: (dir: string): Cache => ({ store: new PgCacheStore(freshPg()), blobs: new FileBlobStore(dir), dataDir: dir }),
  },
];

const eml = (subject: string, from: string, body: string) =>
  Buffer.from(`From: ${from}\r\nTo: ${A}\r\nSubject: ${subject}\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\nMessage-ID: <${subject.replace(/\W/g, "")}@x>\r\n\r\n${body}\r\n`);

async function add(c: Cache, raw: Buffer, folder = "INBOX", key?: string) {
  await c.store.ensureAccount(A);
  const tmp = await writeTemp(c, Readable.from([raw]), "test");
  return storeMessage(c, tmp, { account: A, folderPath: folder, ledger: key ? { key, downloadedAt: 1 } : undefined });
}

describe.each(backends)("$name via Pop3Store", ({ open, run }) => {
let cache: Cache;

function fresh(): Cache {
  cache = open(mkdtempSync(path.join(os.tmpdir(), "mailroom-cache-")));
  return cache;
}
afterEach(async () => {
  closeCache(cache.dataDir);
  await dropTestSchemas();
});

describe.runIf(run)("cache store", () => {
  it("creates special folders, user folders (nested), renames and protects special ones", async () => {
    const s = new Pop3Store(fresh(), A);
    expect((await s.listFolders()).map((f) => f.path)).toEqual(["INBOX", "Drafts", "Sent", "Archive", "Trash"]);
    await s.createFolder(null, "Projects");
    await s.createFolder("Projects", "Mailroom");
    await expect(s.createFolder(null, "Projects")).rejects.toMatchObject({ code: "FOLDER_EXISTS" });
    await expect(s.createFolder(null, "a/b")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.renameFolder("Trash", "Bin")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.deleteFolder("INBOX")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await s.renameFolder("Projects", "Work")).toBe("Work");
    const folders = await s.listFolders();
    expect(folders.find((f) => f.path === "Work/Mailroom")).toMatchObject({ name: "Mailroom", parentPath: "Work", depth: 1 });
    await s.deleteFolder("Work");
    expect((await s.listFolders()).map((f) => f.path)).not.toContain("Work/Mailroom");
  });

  it("lists newest first with a cursor, counts unread, sets flags, moves with new UIDs", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    for (let i = 0; i < 5; i++) await add(c, eml(`Msg ${i}`, "a@x.test", `body ${i}`));
    const p1 = await s.listMessages("INBOX", { limit: 2 });
    expect(p1.total).toBe(5);
    expect(p1.messages.map((m) => m.subject)).toEqual(["Msg 4", "Msg 3"]);
    const p2 = await s.listMessages("INBOX", { limit: 2, before: p1.nextCursor! });
    expect(p2.messages.map((m) => m.subject)).toEqual(["Msg 2", "Msg 1"]);
    const p3 = await s.listMessages("INBOX", { limit: 2, before: p2.nextCursor! });
    expect(p3.messages.map((m) => m.subject)).toEqual(["Msg 0"]);
    expect(p3.nextCursor).toBeNull();

    const uid = p1.messages[0]!.uid;
    await s.setFlags("INBOX", [uid], "flag");
    await s.setFlags("INBOX", [uid], "read");
    expect((await s.listFolders()).find((f) => f.path === "INBOX")).toMatchObject({ total: 5, unread: 4 });
    await s.move("INBOX", [uid], "Archive");
    const arch = await s.listMessages("Archive", { limit: 10 });
    expect(arch.messages).toHaveLength(1);
    expect(arch.messages[0]).toMatchObject({ subject: "Msg 4", seen: true, flagged: true });
    expect(arch.messages[0]!.uid).toBeGreaterThan(uid);
    await expect(s.getMessage("INBOX", uid)).rejects.toMatchObject({ code: "MESSAGE_GONE" });
    const detail = await s.getMessage("Archive", arch.messages[0]!.uid);
    expect(detail).toMatchObject({ bodyKind: "text", subject: "Msg 4" });
    expect(detail.text).toContain("body 4");
  });

  it("jumps to the oldest page or to a day with the offset, counters follow moves and flags", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    const dated = (n: number, day: string) => Buffer.from(`From: a@x.test\r\nSubject: Day ${n}\r\nDate: ${day}\r\nMessage-ID: <d${n}@x>\r\n\r\nbody\r\n`);
    const days = ["Mon, 02 Nov 2026 10:00:00 +0000", "Tue, 03 Nov 2026 10:00:00 +0000", "Wed, 04 Nov 2026 10:00:00 +0000", "Thu, 05 Nov 2026 10:00:00 +0000", "Fri, 06 Nov 2026 10:00:00 +0000"];
    for (let i = 0; i < days.length; i++) await add(c, dated(i, days[i]!));
    const oldest = await s.listMessages("INBOX", { limit: 2, jump: "oldest" });
    expect(oldest).toMatchObject({ total: 5, offset: 3, nextCursor: null });
    expect(oldest.messages.map((m) => m.subject)).toEqual(["Day 1", "Day 0"]);
    const day = await s.listMessages("INBOX", { limit: 2, jump: { day: "2026-11-04" } });
    expect(day.messages.map((m) => m.subject)).toEqual(["Day 2", "Day 1"]);
    expect(day.offset).toBe(2);
    expect((await s.listMessages("INBOX", { limit: 2, before: day.nextCursor! })).messages.map((m) => m.subject)).toEqual(["Day 0"]);
    expect((await s.listMessages("INBOX", { limit: 2, jump: { day: "2020-01-01" } })).messages.map((m) => m.subject)).toEqual(["Day 1", "Day 0"]);
    await s.move("INBOX", [day.messages[0]!.uid], "Archive");
    await s.setFlags("INBOX", [oldest.messages[0]!.uid], "read");
    const folders = await s.listFolders();
    expect(folders.find((f) => f.path === "INBOX")).toMatchObject({ total: 4, unread: 3 });
    expect(folders.find((f) => f.path === "Archive")).toMatchObject({ total: 1, unread: 1 });
    expect((await s.listMessages("INBOX", { limit: 10, search: { text: "is:unread", field: "all" } })).total).toBe(3);
  });

  it("searches with FTS5 by field, and hostile input is only text", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    await add(c, eml("Quarterly report", "alice@acme.test", "numbers inside"));
    await add(c, eml("Lunch", "bob@globex.test", 'he said "a" OR b* NEAR(x) {subject}: -c ^d'));
    const find = async (text: string, field: "all" | "from" | "subject" | "body" = "all") =>
      (await s.listMessages("INBOX", { limit: 10, search: { text, field } })).messages.map((m) => m.subject);
    expect(await find("quarter")).toEqual(["Quarterly report"]);
    expect(await find("alice", "from")).toEqual(["Quarterly report"]);
    expect(await find("alice", "subject")).toEqual([]);
    expect(await find("numbers", "body")).toEqual(["Quarterly report"]);
    expect(await find("alice@acme.test")).toEqual(["Quarterly report"]);
    for (const hostile of ['"a" OR b*', '"', "*", "NEAR(", "subject:", "a\" OR \"", "')--", "{sender}: x", "-", "AND OR NOT"]) {
      await expect(find(hostile)).resolves.toBeInstanceOf(Array);
    }
    expect(await find('"a" OR b*')).toEqual(["Lunch"]);
    expect(await find("OR")).toEqual(["Lunch"]);
  });

  it("a streamed search sends its first rows before counting every match; the total follows and is kept", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    for (let i = 1; i <= 5; i++) await add(c, eml(`Invoice ${i}`, "billing@acme.test", "amount due"));
    await add(c, eml("Lunch", "bob@globex.test", "soup"));
    const events: string[] = [];
    const count = c.store.countSearch.bind(c.store);
    c.store.countSearch = async (...args) => {
      events.push("count");
      return count(...args);
    };
    const stream = async (text: string) => {
      const chunks: SearchChunk[] = [];
      await s.searchStream("INBOX", { text, field: "all", limit: 2, deadlineAt: Date.now() + 5000 }, (chunk) => {
        events.push(chunk.type);
        chunks.push(chunk);
      });
      return chunks;
    };
    const [rows, done] = await stream("invoice");
    expect(events).toEqual(["rows", "count", "done"]);
    expect(rows).toEqual({ type: "rows", messages: [expect.objectContaining({ subject: "Invoice 5" }), expect.objectContaining({ subject: "Invoice 4" })] });
    expect(done).toMatchObject({ type: "done", folder: "INBOX", total: 5, complete: true, nextCursor: (rows as { messages: { uid: number }[] }).messages[1]!.uid });
    // The page alone says when its total needs a count; the store counts it once while nothing changes.
    const q = { limit: 2, search: { text: "invoice", field: "all" as const }, countLater: true };
    if (c.store instanceof PgCacheStore) {
      expect(await c.store.listMessages(A, "INBOX", q)).toMatchObject({ total: 0, totalLater: true });
    } else {
      expect(await c.store.listMessages(A, "INBOX", q)).toMatchObject({ total: 5 });
      expect(await c.store.listMessages(A, "INBOX", { ...q, search: { text: "amount", field: "all" } })).toMatchObject({ total: 0, totalLater: true });
    }
    expect(await c.store.listMessages(A, "INBOX", { ...q, countLater: false })).toMatchObject({ total: 5 });
    // A change after the count: the next stream counts again, and gets it right.
    await add(c, eml("Invoice 6", "billing@acme.test", "amount due"));
    events.length = 0;
    expect((await stream("invoice"))[1]).toMatchObject({ type: "done", total: 6 });
    expect(events).toEqual(["rows", "count", "done"]);
    // Nothing searchable: no rows, no count.
    events.length = 0;
    expect(await stream("   ")).toEqual([{ type: "rows", messages: [] }, expect.objectContaining({ type: "done", total: 0, nextCursor: null })]);
    expect(events).toEqual(["rows", "done"]);
  });

  it("load more of a search after a change leaves the total to the list instead of counting every match again", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    for (let i = 1; i <= 5; i++) await add(c, eml(`Invoice ${i}`, "billing@acme.test", "amount due"));
    const counted: string[] = [];
    const search = { text: "invoice", field: "all" as const };
    const first = await s.listMessages("INBOX", { limit: 2, search });
    expect(first).toMatchObject({ total: 5 });
    expect(first.totalLater).toBeUndefined();
    // A change to the folder (new mail) drops the kept count: the next page would count all matches again.
    await add(c, eml("Invoice 6", "billing@acme.test", "amount due"));
    const count = c.store.countSearch.bind(c.store);
    c.store.countSearch = async (...args) => (counted.push("count"), count(...args));
    const more = await s.listMessages("INBOX", { limit: 2, search, before: first.nextCursor!, keepTotal: true });
    expect(more.messages.map((m) => m.subject)).toEqual(["Invoice 3", "Invoice 2"]);
    expect(more.nextCursor).toBe(more.messages[1]!.uid);
    expect(more).toMatchObject({ total: 0, totalLater: true });
    expect(counted).toEqual([]);
    // Without keepTotal (and for a first page, or a list that is not a search) the total is counted as before.
    expect(await s.listMessages("INBOX", { limit: 2, search, before: first.nextCursor! })).toMatchObject({ total: 6 });
    const firstAgain = await s.listMessages("INBOX", { limit: 2, search, keepTotal: true });
    expect(firstAgain).toMatchObject({ total: 6 });
    expect(firstAgain.totalLater).toBeUndefined();
    expect((await s.listMessages("INBOX", { limit: 2, before: first.nextCursor!, keepTotal: true })).totalLater).toBeUndefined();
  });

  it("searches alike on every backend: accents, other scripts, prefixes, addresses, fields", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    await add(c, eml("Réunion à 10h", "Zoe Unal <zoe@example.test>", "Привет мир, the naïve café opens"));
    await add(c, eml("Other", "bob@globex.test", "nothing here"));
    const find = async (text: string, field: "all" | "from" | "subject" | "body" = "all") =>
      (await s.listMessages("INBOX", { limit: 10, search: { text, field } })).messages.map((m) => m.subject);
    const hit = ["Réunion à 10h"];
    for (const q of ["reunion", "Réunion", "RÉUN", "10h", "привет", "ПРИВ", "naive cafe", "cafe naïve", "zoe@example", "example.test zoe", "unal"]) {
      expect(await find(q), q).toEqual(hit);
    }
    expect(await find("unal", "from")).toEqual(hit);
    expect(await find("unal", "subject")).toEqual([]);
    expect(await find("reunion", "body")).toEqual([]);
    expect(await find("мир", "body")).toEqual(hit);
    expect(await find("zoe@globex")).toEqual([]); // a word is a phrase: its parts in that order
    expect(await find("reunion nothing")).toEqual([]); // words are ANDed
    expect(await find("globex")).toEqual(["Other"]);
  });

  it("searches with the search box's operators: from:, to:, subject:, has:attachment, is:unread, before:/after:", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    const raw = (from: string, to: string, subject: string, date: string, body: string) =>
      Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nDate: ${date}\r\nMessage-ID: <${subject.replace(/\W/g, "")}@ops>\r\n\r\n${body}\r\n`);
    await add(c, raw("Carol Chen <carol@example.test>", "dana@example.test", "Budget review", "Mon, 02 Nov 2026 10:00:00 +0000", "the weekly report is late"));
    await add(c, raw("bob@example.test", "erin@example.test", "Lunch friday", "Tue, 24 Nov 2026 10:00:00 +0000", "budget for pizza"));
    const file = Buffer.from(
      'From: Carol Chen <carol@example.test>\r\nTo: erin@example.test\r\nSubject: Slides\r\nDate: Wed, 25 Nov 2026 10:00:00 +0000\r\nMessage-ID: <slides@ops>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/pdf; name="s.pdf"\r\nContent-Disposition: attachment; filename="s.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n',
    );
    await add(c, file);
    const all = (await s.listMessages("INBOX", { limit: 10 })).messages;
    await s.setFlags("INBOX", all.filter((m) => m.subject !== "Lunch friday").map((m) => m.uid), "read");
    const find = async (text: string) => (await s.listMessages("INBOX", { limit: 10, search: { text, field: "all" } })).messages.map((m) => m.subject).sort();
    expect(await find("from:carol")).toEqual(["Budget review", "Slides"]);
    expect(await find("to:erin")).toEqual(["Lunch friday", "Slides"]);
    expect(await find("subject:budget")).toEqual(["Budget review"]);
    expect(await find("budget")).toEqual(["Budget review", "Lunch friday"]);
    expect(await find("has:attachment")).toEqual(["Slides"]);
    expect(await find("is:unread")).toEqual(["Lunch friday"]);
    expect(await find("before:2026-11-20")).toEqual(["Budget review"]);
    expect(await find("after:2026-11-25")).toEqual(["Slides"]);
    expect(await find('"weekly report"')).toEqual(["Budget review"]);
    expect(await find('"report weekly"')).toEqual([]);
    expect(await find('from:"carol chen"')).toEqual(["Budget review", "Slides"]);
    expect(await find("from:carol has:attachment after:2026-11-01")).toEqual(["Slides"]);
    expect(await find("to:100%")).toEqual([]);
  });

  it("dedups by ledger key; deleting in Trash removes row, search row and unreferenced blob", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    const raw = eml("Once", "a@x.test", "only once");
    const first = await add(c, raw, "INBOX", "UIDL-1");
    const again = await add(c, raw, "INBOX", "UIDL-1");
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ uid: null, duplicate: true });
    const copy = await add(c, raw, "Archive"); // same bytes, another row: one blob for both
    const sha = (await c.store.getMessage(A, "INBOX", first.uid!))!.sha256;
    expect(await s.remove("INBOX", [first.uid!])).toBe("Trash");
    const inTrash = (await s.listMessages("Trash", { limit: 5 })).messages[0]!.uid;
    expect(await s.remove("Trash", [inTrash])).toBe("");
    expect(c.blobs.exists(sha)).toBe(true); // Archive still uses it
    expect((await c.store.ledger(A)).get("UIDL-1")).toMatchObject({ messageUid: null });
    expect((await c.store.ledger(A)).get("UIDL-1")!.localDeletedAt).not.toBeNull();
    await s.move("Archive", [copy.uid!], "Trash");
    const last = (await s.listMessages("Trash", { limit: 5 })).messages[0]!.uid;
    await s.remove("Trash", [last]);
    expect(c.blobs.exists(sha)).toBe(false);
    expect((await s.listMessages("INBOX", { limit: 5, search: { text: "once", field: "all" } })).total).toBe(0);
    expect(await c.store.usage(A)).toEqual({ bytes: 0, messages: 0 });
  });

  it("a cursor or UID beyond any stored one finds nothing instead of failing", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    await add(c, eml("Only", "a@x.test", "one"));
    const huge = 2 ** 32 + 5;
    expect((await s.listMessages("INBOX", { limit: 5, before: huge })).messages.map((m) => m.subject)).toEqual(["Only"]);
    await expect(s.getMessage("INBOX", huge)).rejects.toMatchObject({ code: "MESSAGE_GONE" });
    await s.setFlags("INBOX", [huge], "flag");
    await s.move("INBOX", [huge], "Archive");
    expect((await s.listMessages("INBOX", { limit: 5 })).total).toBe(1);
  });

  it("stores a malformed message raw and it still opens", async () => {
    const c = fresh();
    const s = new Pop3Store(c, A);
    const bad = Buffer.from("Subject: broken\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain; charset=x-nope\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n");
    const { uid } = await add(c, bad);
    const d = await s.getMessage("INBOX", uid!);
    expect(["raw", "text"]).toContain(d.bodyKind);
    expect(d.subject).toBe("broken");
  });
});
});

describe("SqliteCacheStore: a search's total lives as long as its folder is unchanged", () => {
  let dir = "";
  afterEach(() => closeCache(dir));

  it("is counted again after a write to its own folder, not after writes to another folder or account", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-counts-"));
    const c = openCache(dir);
    // Every count of a search's matches this store runs (its statements are prepared once, here).
    let counts = 0;
    const db = (c.store as SqliteCacheStore).db;
    const prepare = db.prepare.bind(db);
    (db as { prepare: (sql: string) => ReturnType<typeof prepare> }).prepare = (sql: string) => {
      const stmt = prepare(sql);
      // A count, or a first page's walk of every match (its keys give the count).
      if (!/^SELECT (count\(\*\) AS n FROM \(SELECT 1|messages_fts\.rowid AS k) FROM messages_fts/.test(sql)) return stmt;
      for (const method of ["get", "all"] as const) {
        const run = stmt[method].bind(stmt) as (...a: unknown[]) => unknown;
        (stmt as unknown as Record<string, (...a: unknown[]) => unknown>)[method] = (...a: unknown[]) => (counts++, run(...a));
      }
      return stmt;
    };
    const s = new Pop3Store(c, A);
    for (let i = 1; i <= 3; i++) await add(c, eml(`Invoice ${i}`, "billing@acme.test", "amount due"));
    await add(c, eml("Invoice old", "billing@acme.test", "amount due"), "Archive");
    const total = async () => (await s.listMessages("INBOX", { limit: 2, search: { text: "invoice", field: "all" } })).total;
    expect(await total()).toBe(3);
    expect(counts).toBe(1);
    // Another folder of the account, and another account's INBOX: the INBOX count stays.
    await add(c, eml("Invoice older", "billing@acme.test", "amount due"), "Archive");
    const other = "t98@example.test";
    await c.store.ensureAccount(other);
    await storeMessage(c, await writeTemp(c, Readable.from([eml("Invoice theirs", "billing@acme.test", "x")]), "test"), { account: other, folderPath: "INBOX" });
    expect(await total()).toBe(3);
    expect(counts).toBe(1);
    // Its own folder: an arrival, a flag, a move out — each one counted afresh, and right.
    await add(c, eml("Invoice 4", "billing@acme.test", "amount due"));
    expect(await total()).toBe(4);
    expect(counts).toBe(2);
    const [newest] = (await s.listMessages("INBOX", { limit: 1 })).messages;
    await s.setFlags("INBOX", [newest!.uid], "read");
    expect(await total()).toBe(4);
    expect(counts).toBe(3);
    await s.move("INBOX", [newest!.uid], "Archive");
    expect(await total()).toBe(3);
    expect(counts).toBe(4);
  });
});
