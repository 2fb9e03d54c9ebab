/**
 * Section "search_stream" (issue 13 point 7): time to the first result row of a folder search on the
 * 10,000-message INBOX, streamed (GET /api/search/stream, NDJSON) against the old one-shot path (GET
 * /api/messages?q=, the whole page after the whole SEARCH), on the same warm session, alternated; plus
 * a repeated identical search answered from the server's search cache.
 */
import { performance } from "node:perf_hooks";
import type { Client } from "./http";
import { ratio, summarize, timed, type Stats } from "./stats";
import { log } from "./stack";
import type { Target } from "./warm-requests";

// Body words of the generated bulk mail (scripts/seed-lib.ts WORDS): each search is new to the cache.
const WORDS = "because between through little people should another against before under never while might great".split(" ");

export interface SearchStreamResult {
  description: string;
  iterations: number;
  old_full_page: Stats;
  stream_first_row: Stats;
  stream_done: Stats;
  repeated_cached: Stats;
  ratio_first_row_vs_old: number;
  ratio_cached_vs_old: number;
  targets: Record<string, Target>;
  pass: boolean;
}

/** Reads the NDJSON stream: ms to the first line carrying rows, and ms to the end. */
async function streamTimes(app: Client, path: string): Promise<{ first: number; done: number; cached: boolean }> {
  const t0 = performance.now();
  const res = await app.request(path);
  if (res.status !== 200 || !res.body) throw new Error(`GET ${path}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let first = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (Number.isNaN(first) && /"type":"rows","messages":\[\{/.test(text)) first = performance.now() - t0;
  }
  const doneMs = performance.now() - t0;
  const last = JSON.parse(text.trim().split("\n").at(-1)!) as { type: string; cached?: boolean };
  if (last.type !== "done") throw new Error(`GET ${path}: ended with ${last.type}`);
  return { first: Number.isNaN(first) ? doneMs : first, done: doneMs, cached: !!last.cached };
}

export async function benchSearchStream(app: Client, iterations: number): Promise<SearchStreamResult> {
  const n = Math.min(iterations, WORDS.length);
  log(`search stream: ${n} body searches, old and streamed alternated, then the last ${Math.min(n, 8)} again`);
  const oldMs: number[] = [];
  const firstMs: number[] = [];
  const doneMs: number[] = [];
  const cachedMs: number[] = [];
  const q = (w: string) => encodeURIComponent(w);
  for (let i = 0; i < n; i++) {
    const w = WORDS[i]!;
    // Same query text on both sides, so Dovecot's own caches help both alike; only the order alternates.
    const runOld = async () => oldMs.push((await timed(() => app.getText(`/api/messages?folder=INBOX&limit=50&field=body&q=${q(w)}`))).ms);
    const runNew = async () => {
      const t = await streamTimes(app, `/api/search/stream?folder=INBOX&limit=50&field=body&q=${q(w)}`);
      if (t.cached) throw new Error("a first search was answered from the cache");
      firstMs.push(t.first);
      doneMs.push(t.done);
    };
    if (i % 2 === 0) {
      await runOld();
      await runNew();
    } else {
      await runNew();
      await runOld();
    }
  }
  // A person repeats a recent search: the last few, newest first (the cache keeps 10 per account).
  for (let i = n - 1; i >= Math.max(0, n - 8); i--) {
    const t = await streamTimes(app, `/api/search/stream?folder=INBOX&limit=50&field=body&q=${q(WORDS[i]!)}`);
    if (!t.cached) throw new Error("a repeated search was not answered from the cache");
    cachedMs.push(t.done);
  }
  const old = summarize(oldMs);
  const first = summarize(firstMs);
  const cached = summarize(cachedMs);
  const r = ratio(first.median_ms, old.median_ms);
  const target: Target = { max: 0.5, source: "proposed" };
  return {
    description: "body search of one word in the 10,000-message INBOX on a warm session: time to the first result row, streamed (GET /api/search/stream) vs the old whole page (GET /api/messages?q=); repeated identical searches from the search cache",
    iterations: n,
    old_full_page: old,
    stream_first_row: first,
    stream_done: summarize(doneMs),
    repeated_cached: cached,
    ratio_first_row_vs_old: r,
    ratio_cached_vs_old: ratio(cached.median_ms, old.median_ms),
    targets: { ratio_first_row_vs_old: target },
    pass: r <= target.max,
  };
}
