/**
 * One mbox import in its own process, for the bench's "mbox_import_long_line" section:
 *
 *   node --conditions=react-server --import tsx scripts/bench/mbox-import-worker.ts <file.mbox> <data dir>
 *
 * Imports the file into INBOX of a fresh cache in <data dir> and prints one JSON line: the import's
 * time, the longest event-loop stall seen meanwhile (a 10 ms timer's worst lateness, and
 * perf_hooks' monitorEventLoopDelay max), and the sha256 of every imported message's blob.
 */
import { createReadStream } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { closeCache, openCache } from "@/lib/cache/open-cache";
import { importMbox } from "@/lib/pop3/import-mbox";

const TICK_MS = 10;

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2);
  if (!file || !dataDir) throw new Error("usage: mbox-import-worker.ts <file.mbox> <data dir>");
  const cache = openCache(dataDir);
  const email = "bench-mbox@example.test";
  await cache.store.ensureAccount(email);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let last = performance.now();
  let worstGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  histogram.enable();
  const started = performance.now();
  const res = await importMbox(email, "INBOX", createReadStream(file, { highWaterMark: 64 * 1024 }), cache);
  const ms = performance.now() - started;
  histogram.disable();
  clearInterval(timer);
  const hashes: string[] = [];
  for await (const row of cache.store.iterateMessages(email, "INBOX")) hashes.push(row.sha256);
  console.log(JSON.stringify({ ...res, ms, stall_ms: Math.max(worstGap, histogram.max / 1e6), timer_stall_ms: worstGap, histogram_max_ms: histogram.max / 1e6, hashes }));
  closeCache(dataDir);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
