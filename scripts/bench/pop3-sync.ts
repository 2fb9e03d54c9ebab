/**
 * POP3 sync throughput: Mailroom's durable sync (RETR → temp file → fsync → rename → header parse →
 * SQLite group commit → DELE per policy), run as scripts/pop3-sync-worker.ts in its own process,
 * against a bare node-pop3 loop that RETRs the same messages and writes each to a file (the floor).
 *
 * Same work on both sides: each is timed from connect (login) through QUIT — the bare loop here, the
 * sync by the worker itself (its `ms`), so the worker's process start-up and module loading (~1 s of
 * tsx) do not count. The wall time of the worker process is reported too (`process_seconds`,
 * `ratio_with_process_start`), which is what this section measured before.
 * Peak RSS of the sync process is sampled so that 1,000 and 10,000 messages can be compared.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import Pop3Command from "node-pop3";
import { processTree, treeRssBytes } from "./rss";
import { round } from "./stats";
import { log } from "./stack";

export interface SyncTarget {
  label: string;
  user: string;
  password: string;
  messages: number;
}

export interface ThroughputRun {
  messages: number;
  bytes: number;
  seconds: number;
  messages_per_s: number;
  mb_per_s: number;
  peak_rss_mb?: number;
  /** App only: wall time of the worker process, start-up included. */
  process_seconds?: number;
}

export interface Pop3SyncResult {
  target: string;
  user: string;
  bare: ThroughputRun;
  app: ThroughputRun;
  /** Same work (connect … QUIT) on both sides. */
  ratio_messages_per_s: number;
  /** The app's worker timed from spawn to exit instead (process start-up counts against it). */
  ratio_with_process_start: number;
  targets: { ratio: { min: number; source: "brief" } };
  pass: boolean;
}

const MIB = 1024 * 1024;

function run(messages: number, bytes: number, ms: number, peak?: number): ThroughputRun {
  const s = ms / 1000;
  return { messages, bytes, seconds: round(s, 2), messages_per_s: round(messages / s, 1), mb_per_s: round(bytes / MIB / s, 2), ...(peak ? { peak_rss_mb: round(peak / MIB, 1) } : {}) };
}

/** The floor: UIDL, then RETR each message as a stream straight into a file. */
async function bareLoop(host: string, port: number, t: SyncTarget): Promise<ThroughputRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-bench-bare-"));
  const pop = new Pop3Command({ host, port, user: t.user, password: t.password, tls: false });
  try {
    const started = performance.now();
    const list = (await pop.UIDL()) as string[][]; // connects and logs in first
    let bytes = 0;
    for (const [n] of list) {
      const [, stream] = await pop.command("RETR", n!);
      stream.on("data", (c: Buffer) => (bytes += c.length));
      await pipeline(stream, createWriteStream(path.join(dir, `${n}.eml`)));
    }
    await pop.QUIT();
    const ms = performance.now() - started;
    return run(list.length, bytes, ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mailroom's sync in a fresh process with a fresh data folder; the worker prints one JSON line. */
async function appSync(project: string, env: NodeJS.ProcessEnv, t: SyncTarget): Promise<ThroughputRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-bench-pop3-"));
  try {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/pop3-sync-worker.ts", t.user], {
      cwd: project,
      env: { ...env, MAILROOM_DATA_DIR: dataDir, MAILROOM_SYNC_PASSWORD: t.password },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRssBytes(processTree(child.pid!)))), 50);
    const started = performance.now();
    const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
    const ms = performance.now() - started;
    clearInterval(sampler);
    const last = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { ok?: boolean; fetched?: number; bytes?: number; ms?: number; message?: string };
    if (code !== 0 || !last.ok) throw new Error(`pop3 sync worker failed (${code}): ${last.message ?? err.slice(-500)}`);
    if (last.fetched !== t.messages) throw new Error(`pop3 sync fetched ${last.fetched}, expected ${t.messages}`);
    return { ...run(last.fetched, last.bytes ?? 0, last.ms ?? ms, peak), process_seconds: round(ms / 1000, 2) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/**
 * `rounds` pairs (bare, then app) back to back; the ratio is the median of the pairs' ratios, so a
 * burst of load from other work on the machine skews one pair, not the result. The runs shown are the
 * median pair's.
 */
export async function benchPop3Sync(opts: { project: string; host: string; port: number; env: NodeJS.ProcessEnv; target: SyncTarget; rounds?: number }): Promise<Pop3SyncResult & { rounds: { ratio: number; ratio_with_process_start: number }[] }> {
  const t = opts.target;
  const rounds = Math.max(1, opts.rounds ?? 1);
  log(`pop3 sync ${t.label}: bare node-pop3 loop vs Mailroom sync worker (${t.messages} messages, ${t.user}), ${rounds} round(s)`);
  const pairs: { bare: ThroughputRun; app: ThroughputRun; ratio: number; withStart: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const bare = await bareLoop(opts.host, opts.port, t);
    const app = await appSync(opts.project, opts.env, t);
    const ratio = round(app.messages_per_s / bare.messages_per_s, 3);
    const withStart = round(bare.seconds / (app.process_seconds ?? app.seconds), 3);
    log(`  bare ${bare.messages_per_s} msg/s, app ${app.messages_per_s} msg/s (ratio ${ratio}; ${withStart} with process start-up), app peak RSS ${app.peak_rss_mb} MiB`);
    pairs.push({ bare, app, ratio, withStart });
  }
  const ratio = median(pairs.map((p) => p.ratio));
  const mid = pairs.find((p) => p.ratio === ratio)!;
  const peak = Math.max(...pairs.map((p) => p.app.peak_rss_mb ?? 0));
  return {
    target: t.label,
    user: t.user,
    bare: mid.bare,
    app: { ...mid.app, peak_rss_mb: peak },
    ratio_messages_per_s: ratio,
    ratio_with_process_start: median(pairs.map((p) => p.withStart)),
    rounds: pairs.map((p) => ({ ratio: p.ratio, ratio_with_process_start: p.withStart })),
    targets: { ratio: { min: 0.7, source: "brief" } },
    pass: ratio >= 0.7,
  };
}
