/**
 * The POP3 cache at 100,000 messages, in its own process (import "server-only" needs the react-server
 * condition), for the bench's "pop3_cache" section (issue 13 point 9):
 *
 *   node --conditions=react-server --import tsx scripts/bench/pop3-cache-worker.ts <data dir> [messages]
 *
 * Fills a fresh SQLite cache through the store's insert path (lib/pop3/testing/big-cache.ts), then
 * times each operation the POP3 UI does, twice: on the CacheStore (the SQL alone) and on Pop3Store,
 * the MailStore the API routes call, plus JSON.stringify of its answer (the route's own work, minus
 * the HTTP hop and the session check). Prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import path from "node:path";
import type { Cache } from "@/lib/cache/open-cache";
import { FileBlobStore } from "@/lib/cache/blob-store";
import { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { BIG_DAY_MS, BIG_START, fillBigCache } from "@/lib/pop3/testing/big-cache";
import { summarize } from "./stats";

const ACCOUNT = "bench-pop3-cache@example.test";
const ITERATIONS = Number(process.env.BENCH_POP3_CACHE_ITERATIONS || 20);
const WARMUPS = 3;

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUPS; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const [dataDir, countArg] = process.argv.slice(2);
  if (!dataDir) throw new Error("usage: pop3-cache-worker.ts <data dir> [messages]");
  const count = Number(countArg || 100_000);
  const tOpen = performance.now();
  const cache: Cache = { store: new SqliteCacheStore(path.join(dataDir, "mailroom.sqlite")), blobs: new FileBlobStore(dataDir), dataDir };
  const t0 = performance.now();
  // A data dir filled by an earlier run (an older schema, say) is reused: opening it migrated it.
  const migrateMs = performance.now() - tOpen;
  const existing = await cache.store.getFolder(ACCOUNT, "INBOX");
  let first: number;
  if (existing && existing.total >= count) {
    first = (await cache.store.iterateMessages(ACCOUNT, "INBOX")[Symbol.asyncIterator]().next()).value!.uid;
  } else {
    first = await fillBigCache(cache, ACCOUNT, "INBOX", count);
    await fillBigCache(cache, ACCOUNT, "Archive", 500);
  }
  const fillMs = performance.now() - t0;
  const store = cache.store;
  const mail = new Pop3Store(cache, ACCOUNT);
  const far = first + Math.floor(count / 100); // a cursor 99% of the way down
  const midDay = new Date(BIG_START + Math.floor(count / 2) * 60_000).toISOString().slice(0, 10);
  const search = (text: string) => ({ text, field: "all" as const });
  let fresh = 0;
  // Each operation: [store-level call, route-level call]. Pages ask for 51 rows (50 and "is there more").
  const ops: Record<string, [() => Promise<unknown>, () => Promise<unknown>]> = {
    list_first_page: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51 }), () => mail.listMessages("INBOX", { limit: 50 })],
    list_far_page: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, before: far }), () => mail.listMessages("INBOX", { limit: 50, before: far })],
    list_jump_oldest: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, jump: "oldest" }), () => mail.listMessages("INBOX", { limit: 50, jump: "oldest" })],
    list_jump_day: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, jump: { day: midDay } }), () => mail.listMessages("INBOX", { limit: 50, jump: { day: midDay } })],
    list_unread: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("is:unread") }), () => mail.listMessages("INBOX", { limit: 50, search: search("is:unread") })],
    list_unread_far: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("is:unread"), before: far }), () => mail.listMessages("INBOX", { limit: 50, search: search("is:unread"), before: far })],
    list_has_attachment: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("has:attachment") }), () => mail.listMessages("INBOX", { limit: 50, search: search("has:attachment") })],
    open_message_far: [() => store.getMessage(ACCOUNT, "INBOX", far), () => mail.getMessage("INBOX", far, { peek: true })],
    switch_folder: [
      async () => (await store.listFolders(ACCOUNT), await store.listMessages(ACCOUNT, "Archive", { limit: 51 })),
      async () => (await mail.listFolders(), await mail.listMessages("Archive", { limit: 50 })),
    ],
    folder_list: [() => store.listFolders(ACCOUNT), () => mail.listFolders()],
    search_common_word: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("alpha") }), () => mail.listMessages("INBOX", { limit: 50, search: search("alpha") })],
    // A search's total is kept while the file is unchanged: this one varies a no-op filter, so every
    // call counts its ~100,000 matches afresh, up to the count's cap (what the first page of a new search costs).
    search_common_word_uncounted: [
      () => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search(`alpha before:2099-01-${String((fresh++ % 28) + 1).padStart(2, "0")}`) }),
      () => mail.listMessages("INBOX", { limit: 50, search: search(`alpha before:2099-02-${String((fresh++ % 28) + 1).padStart(2, "0")}`) }),
    ],
    // "Load more" of that search after a change to the folder (its count no longer kept): the list already
    // shows the total, so the route asks for the page alone (keepTotal).
    search_common_word_more_after_change: [
      () => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search(`alpha before:2099-03-${String((fresh++ % 28) + 1).padStart(2, "0")}`), before: far, countLater: true }),
      () => mail.listMessages("INBOX", { limit: 50, search: search(`alpha before:2099-04-${String((fresh++ % 28) + 1).padStart(2, "0")}`), before: far, keepTotal: true }),
    ],
    search_common_word_far: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("alpha"), before: far }), () => mail.listMessages("INBOX", { limit: 50, search: search("alpha"), before: far })],
    search_prefix: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("rep") }), () => mail.listMessages("INBOX", { limit: 50, search: search("rep") })],
    search_less_common_word: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("zulu") }), () => mail.listMessages("INBOX", { limit: 50, search: search("zulu") })],
    search_unique: [() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search(`uniq${Math.floor(count / 2)}`) }), () => mail.listMessages("INBOX", { limit: 50, search: search(`uniq${Math.floor(count / 2)}`) })],
    search_operators: [
      () => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search("from:grace subject:bravo is:unread") }),
      () => mail.listMessages("INBOX", { limit: 50, search: search("from:grace subject:bravo is:unread") }),
    ],
    search_word_and_dates: [
      () => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search(`alpha after:${midDay} before:${new Date(BIG_START + count * 60_000 + BIG_DAY_MS).toISOString().slice(0, 10)}`) }),
      () => mail.listMessages("INBOX", { limit: 50, search: search(`alpha after:${midDay}`) }),
    ],
  };
  /** `total_at_least`: the search matched more than the store counts (SEARCH_COUNT_CAP); `total` is the cap. */
  type OpResult = { store: ReturnType<typeof summarize>; route: ReturnType<typeof summarize>; rows: number; total: number; total_at_least?: true; informational?: string };
  const results: Record<string, OpResult> = {};
  for (const [name, [atStore, atRoute]] of Object.entries(ops)) {
    const storeMs = await time(atStore);
    const routeMs = await time(async () => JSON.stringify(await atRoute()));
    const sample = (await atRoute()) as { messages?: unknown[]; total?: number; totalAtLeast?: true } | unknown[];
    const rows = Array.isArray(sample) ? sample.length : (sample.messages?.length ?? 1);
    const total = Array.isArray(sample) ? sample.length : (sample.total ?? 1);
    const atLeast = !Array.isArray(sample) && sample.totalAtLeast === true;
    results[name] = { store: summarize(storeMs), route: summarize(routeMs), rows, total, ...(atLeast ? { total_at_least: true as const } : {}) };
  }
  // The search box's folder search (GET /api/search/stream): its rows line, then its "done" line with the
  // total, for a word in every message whose total is not counted yet (a no-op date filter varies it).
  let day = 0;
  const streamText = () => `alpha before:${new Date(Date.UTC(2100, 0, 1) + day++ * BIG_DAY_MS).toISOString().slice(0, 10)}`;
  const rowsMs: number[] = [];
  const doneMs: number[] = [];
  const last = { rows: 0, total: 0, atLeast: false };
  for (let i = 0; i < WARMUPS + ITERATIONS; i++) {
    const t0 = performance.now();
    await mail.searchStream("INBOX", { text: streamText(), field: "all", limit: 50, deadlineAt: Date.now() + 10_000 }, (chunk) => {
      JSON.stringify(chunk); // the route's own work on each line
      if (i < WARMUPS) return;
      if (chunk.type === "rows") {
        rowsMs.push(performance.now() - t0);
        last.rows = chunk.messages.length;
      } else if (chunk.type === "done") {
        doneMs.push(performance.now() - t0);
        last.total = chunk.total;
        last.atLeast = chunk.totalAtLeast === true;
      }
    });
  }
  const storeRows = await time(() => store.listMessages(ACCOUNT, "INBOX", { limit: 51, search: search(streamText()), countLater: true }));
  const storeCount = await time(() => store.countSearch(ACCOUNT, "INBOX", search(streamText())));
  const atLeast = last.atLeast ? { total_at_least: true as const } : {};
  results.search_stream_first_rows = { store: summarize(storeRows), route: summarize(rowsMs), rows: last.rows, total: last.total, ...atLeast };
  results.search_stream_total = {
    store: summarize(storeCount),
    route: summarize(doneMs),
    rows: last.rows,
    total: last.total,
    ...atLeast,
    informational: "the stream's last line: the list shows its rows meanwhile, under 'Still searching…'",
  };
  (cache.store as SqliteCacheStore).close();
  process.stdout.write(JSON.stringify({ messages: count, open_ms: Math.round(migrateMs), fill_ms: Math.round(fillMs), operations: results }) + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
