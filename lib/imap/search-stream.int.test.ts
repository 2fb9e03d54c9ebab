import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { resetAt } from "@/e2e/helpers/alt-dovecot";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import { AccountPool } from "@/lib/imap/pool";
import { ImapStore } from "@/lib/imap/imap-store";
import { folderSearchStream } from "@/lib/mail/search-stream";
import { FIRST_ROWS, streamSearch, type StreamSearchOptions } from "@/lib/imap/search-stream";
import type { SearchChunk } from "@/lib/shared/search-stream";

// Against the real Dovecot: a folder search streams its rows range by range from the newest down,
// stops issuing commands once aborted, and a repeated search is answered without any SEARCH.

type Event = { kind: "command"; line: string } | { kind: "chunk"; chunk: SearchChunk };

/** A connection whose every command line lands in `events`, in order with the chunks emitted. */
async function recordingClient(user: string, pass: string, events: Event[], port = loadEnv().IMAP_PORT): Promise<ImapFlow> {
  const log = (o: unknown) => {
    const e = o as { src?: string; msg?: string };
    if (e && e.src === "c" && typeof e.msg === "string") events.push({ kind: "command", line: e.msg.replace(/^\S+ /, "") });
  };
  const noop = () => {};
  const client = new ImapFlow({
    host: "127.0.0.1", port, secure: false, auth: { user, pass },
    logger: { debug: log, info: noop, warn: noop, error: noop },
  });
  client.on("error", () => {});
  await client.connect();
  return client;
}

const searches = (events: Event[]) => events.filter((e): e is Extract<Event, { kind: "command" }> => e.kind === "command" && /^UID SEARCH/.test(e.line)).map((e) => e.line);
const opts = (over: Partial<StreamSearchOptions> = {}): StreamSearchOptions => ({
  text: "subject:invoice", field: "all", limit: 50, firstRange: 100, deadlineAt: Date.now() + 60_000, cacheTtlMs: 0, ...over,
});

describe("streamed search on a big folder (bulk@, 10,000 messages, read only)", () => {
  const events: Event[] = [];
  let client: ImapFlow;
  beforeAll(async () => {
    client = await recordingClient("bulk@example.test", "mailroom-demo", events);
  });
  afterAll(async () => {
    await client.logout().catch(() => client.close());
  });

  it("sends the first rows before the last range is searched, newest first, and agrees with the whole search", async () => {
    events.length = 0;
    await streamSearch(client, "bulk-stream-1", "INBOX", opts(), (chunk) => void events.push({ kind: "chunk", chunk }));
    const status = await client.status("INBOX", { uidNext: true });
    const top = Number(status && status.uidNext) - 1;

    const rangeSearches = searches(events).filter((l) => !/RETURN/.test(l));
    // Ranges from the newest down, each four times larger: 100, 400, 1,600 UIDs ...
    expect(rangeSearches[0]).toContain(`UID ${top - 99}:${top}`);
    expect(rangeSearches[1]).toContain(`UID ${top - 499}:${top - 100}`);
    expect(rangeSearches.length).toBeGreaterThanOrEqual(3);
    // The page filled before the oldest message: the rest was only counted, in one ESEARCH COUNT.
    expect(searches(events).at(-1)).toMatch(/^UID SEARCH RETURN \(COUNT\).* UID 1:\d+/);

    const chunks = events.flatMap((e, i) => (e.kind === "chunk" ? [{ i, chunk: e.chunk }] : []));
    const rows = chunks.filter((c) => c.chunk.type === "rows");
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // The first rows went out while the server still had ranges to search.
    const lastSearchAt = events.findLastIndex((e) => e.kind === "command" && /^UID SEARCH/.test(e.line));
    expect(rows[0]!.i).toBeLessThan(lastSearchAt);
    // Batches and rows within them come newest first, ranges descending.
    const uids = rows.flatMap((r) => (r.chunk.type === "rows" ? r.chunk.messages.map((m) => m.uid) : []));
    expect(uids).toEqual([...uids].sort((a, b) => b - a));
    const ranges = rows.map((r) => (r.chunk.type === "rows" ? r.chunk.range! : [0, 0]));
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]![1]).toBeLessThan(ranges[k - 1]![0]);
    for (const r of rows) if (r.chunk.type === "rows") for (const m of r.chunk.messages) expect(m.subject).toMatch(/invoice/i);

    // The same page and total as the old one-shot search.
    const old = await listMessages(client, "bulk-stream-old", "INBOX", { limit: 50, search: { text: "subject:invoice", field: "all" } });
    const done = chunks.at(-1)!.chunk;
    expect(done.type).toBe("done");
    if (done.type !== "done") return;
    expect(uids).toEqual(old.messages.map((m) => m.uid));
    expect(done.total).toBe(old.total);
    expect(done.nextCursor).toBe(old.nextCursor);
    expect(done.complete).toBe(true);
  });

  it("a range that fills the page sends a screenful of rows first, before the rest are fetched", async () => {
    events.length = 0;
    await streamSearch(client, "bulk-stream-first", "INBOX", opts({ firstRange: 5_000 }), (chunk) => void events.push({ kind: "chunk", chunk }));
    const chunks = events.flatMap((e, i) => (e.kind === "chunk" && e.chunk.type === "rows" ? [{ i, messages: e.chunk.messages, range: e.chunk.range! }] : []));
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    const [first, second] = chunks;
    expect(first!.messages).toHaveLength(FIRST_ROWS);
    expect(first!.messages.length + second!.messages.length).toBe(50);
    // The second part's rows were fetched only after the first went out.
    const secondUid = String(second!.messages[0]!.uid);
    const fetchOfSecond = events.findIndex((e) => e.kind === "command" && /^UID FETCH/.test(e.line) && e.line.split(" ")[2]!.split(",").includes(secondUid));
    expect(fetchOfSecond).toBeGreaterThan(first!.i);
    // Together they cover the one range searched, newest first, without a gap.
    expect(second!.range[1]).toBe(first!.range[0] - 1);
    expect(Math.min(...first!.messages.map((m) => m.uid))).toBe(first!.range[0]);
  });

  it("stops issuing IMAP commands once the search is aborted", async () => {
    events.length = 0;
    const abort = new AbortController();
    let abortedAt = -1;
    const run = streamSearch(client, "bulk-stream-2", "INBOX", opts({ signal: abort.signal }), (chunk) => {
      events.push({ kind: "chunk", chunk });
      if (chunk.type === "rows" && abortedAt < 0) {
        abort.abort();
        abortedAt = events.length;
      }
    });
    await expect(run).rejects.toMatchObject({ code: "REQUEST_CANCELLED" });
    expect(abortedAt).toBeGreaterThan(0);
    expect(searches(events.slice(0, abortedAt)).length).toBe(1);
    expect(events.slice(abortedAt).filter((e) => e.kind === "command")).toEqual([]);
    expect(events.slice(abortedAt).filter((e) => e.kind === "chunk")).toEqual([]);
  });

  it("through the store and the route's NDJSON stream: the request going away stops the IMAP commands", async () => {
    const mine: Event[] = [];
    const pool = new AccountPool("bulk-stream-route#t", { user: "bulk@example.test", password: "mailroom-demo" }, 1, (c) => recordingClient(c.user, c.password, mine));
    try {
      const request = new AbortController();
      const reader = folderSearchStream(new ImapStore(pool, "bulk@example.test"), { folder: "INBOX", text: "subject:invoice", field: "all", limit: 50, deadlineMs: 60_000 }, request.signal).getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toMatch(/^\{"type":"rows"/);
      request.abort();
      const at = mine.length;
      while (!(await reader.read()).done) {
        // drain: nothing more should come
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(searches(mine.slice(0, at)).length).toBeGreaterThanOrEqual(1);
      expect(mine.slice(at)).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it("a past deadline issues no SEARCH and says the answer is incomplete", async () => {
    events.length = 0;
    await streamSearch(client, "bulk-stream-3", "INBOX", opts({ deadlineAt: Date.now() - 1 }), (chunk) => void events.push({ kind: "chunk", chunk }));
    expect(searches(events)).toEqual([]);
    const last = events.at(-1);
    expect(last).toMatchObject({ kind: "chunk", chunk: { type: "done", complete: false } });
  });
});

describe("the search cache", () => {
  const user = "t361@example.test";
  const events: Event[] = [];
  let client: ImapFlow;
  const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
  const plain = (subject: string) => Buffer.from(crlf(`From: Carol <carol@example.test>\nTo: t361@example.test\nSubject: ${subject}\nDate: Mon, 02 Nov 2026 10:00:00 +0000\nContent-Type: text/plain\n\nhello\n`));

  beforeAll(async () => {
    await resetMailbox({ email: user, password: "test-pass" });
    client = await recordingClient(user, "test-pass", events);
    for (const s of ["Budget one", "Lunch", "Budget two", "Other"]) await client.append("INBOX", plain(s));
  });
  afterAll(async () => {
    await client.logout().catch(() => client.close());
  });

  const run = async () => {
    events.length = 0;
    const chunks: SearchChunk[] = [];
    await streamSearch(client, "t361-cache", "INBOX", opts({ text: "budget", cacheTtlMs: 60_000 }), (c) => void chunks.push(c));
    const rows = chunks.flatMap((c) => (c.type === "rows" ? c.messages : []));
    const done = chunks.at(-1) as Extract<SearchChunk, { type: "done" }>;
    return { rows, done, searched: searches(events).length };
  };

  it("answers a repeated search without SEARCH, until the folder changes", async () => {
    const first = await run();
    expect(first.searched).toBeGreaterThan(0);
    expect(first.done.cached).toBe(false);
    expect(first.rows.map((m) => m.subject)).toEqual(["Budget two", "Budget one"]);

    const again = await run();
    expect(again.searched).toBe(0);
    expect(again.done.cached).toBe(true);
    expect(again.rows.map((m) => m.uid)).toEqual(first.rows.map((m) => m.uid));
    expect(again.done.total).toBe(2);

    // New mail (UIDNEXT) invalidates it.
    await client.append("INBOX", plain("Budget three"));
    const afterNew = await run();
    expect(afterNew.searched).toBeGreaterThan(0);
    expect(afterNew.done.cached).toBe(false);
    expect(afterNew.rows.map((m) => m.subject)).toEqual(["Budget three", "Budget two", "Budget one"]);

    // A flag change (HIGHESTMODSEQ) too: the row shows what the server has now.
    expect((await run()).searched).toBe(0);
    const lock = await client.getMailboxLock("INBOX");
    try {
      await client.messageFlagsAdd(String(afterNew.rows[0]!.uid), ["\\Seen"], { uid: true });
    } finally {
      lock.release();
    }
    const afterFlag = await run();
    expect(afterFlag.searched).toBeGreaterThan(0);
    expect(afterFlag.rows[0]!.seen).toBe(true);
  });
});

// The same on Cyrus IMAP 3.6 (scripts/cyrus-stack.sh, started by scripts/test.sh): ranges, the count of
// the rest (ESEARCH COUNT where announced, else a plain SEARCH), and the cache.
describe("streamed search on Cyrus IMAP", () => {
  const user = { email: "t364@example.test", password: "test-pass" };
  const port = Number(process.env.CYRUS_PORT ?? 2243);
  const events: Event[] = [];
  let client: ImapFlow;
  const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

  beforeAll(async () => {
    await resetAt(port, user);
    client = await recordingClient(user.email, user.password, events, port);
    for (let i = 1; i <= 60; i++) {
      const subject = i % 3 === 0 ? `Report ${i}` : `Note ${i}`;
      await client.append("INBOX", Buffer.from(crlf(`From: a@example.test\nTo: ${user.email}\nSubject: ${subject}\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n\nbody ${i}\n`)));
    }
  });
  afterAll(async () => {
    await client.logout().catch(() => client.close());
  });

  it("streams newest first in ranges, agrees with the one-shot search, and caches", async () => {
    events.length = 0;
    const chunks: SearchChunk[] = [];
    await streamSearch(client, "cyrus-t364", "INBOX", opts({ text: "subject:report", limit: 5, firstRange: 6, cacheTtlMs: 60_000 }), (c) => void chunks.push(c));
    const rows = chunks.flatMap((c) => (c.type === "rows" ? c.messages : []));
    expect(chunks.filter((c) => c.type === "rows").length).toBeGreaterThanOrEqual(2);
    const old = await listMessages(client, "cyrus-old", "INBOX", { limit: 5, search: { text: "subject:report", field: "all" } });
    expect(rows.map((m) => m.uid)).toEqual(old.messages.map((m) => m.uid));
    expect(chunks.at(-1)).toMatchObject({ type: "done", total: 20, complete: true, cached: false, nextCursor: old.nextCursor });

    events.length = 0;
    const again: SearchChunk[] = [];
    await streamSearch(client, "cyrus-t364", "INBOX", opts({ text: "subject:report", limit: 5, firstRange: 6, cacheTtlMs: 60_000 }), (c) => void again.push(c));
    expect(searches(events)).toEqual([]);
    expect(again.at(-1)).toMatchObject({ type: "done", total: 20, cached: true });
  });
});
