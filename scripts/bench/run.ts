/**
 * Mailroom benchmark: `npm run bench` [--build] [--keep] [--only=http,pop3,realtime]
 *
 * Starts its own mail stack and app instance, measures the app against imapflow doing the same IMAP
 * work, prints one JSON document on stdout (progress goes to stderr) and writes it to
 * bench-results/latest.json. Exit code 0 even when a target is missed (the JSON says so); non-zero
 * only when the benchmark itself broke. See scripts/bench/config.ts for the BENCH_* overrides.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ATTACHMENT_USER, BULK_COUNT, BULK_USER, POP3_SMALL_USER, REALTIME_USER, loadConfig, passwordOf, type BenchConfig } from "./config";
import { benchRealtime } from "./realtime";
import { benchDownload } from "./download";
import { benchFirstRequest } from "./first-request";
import { Client } from "./http";
import { closeRaw, connectRaw, messageCount, type ImapTarget } from "./imap";
import { assertPortFree, ensureBuild, log, seedStack, startApp, startStack, stopApp, stopStack } from "./stack";
import { round } from "./stats";
import { benchList, benchOpen } from "./warm-requests";
import { benchPop3Sync } from "./pop3-sync";
import { ensureMessages } from "./pop3-fixture";

type Cleanup = { what: string; fn: () => Promise<void> };
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | null = null;

/** Runs every registered clean-up once, newest first; one failing never skips the others. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c.fn();
      } catch (err) {
        log(`clean-up "${c.what}" failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function commandOutput(cmd: string, args: string[], cwd?: string): string | null {
  try {
    const env = { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` };
    return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

const loadAvg = () => os.loadavg().map((x) => round(x, 2));

function machineInfo(cfg: BenchConfig, loadAtStart: number[]) {
  const cpus = os.cpus();
  return {
    node: process.version,
    cores: cpus.length,
    cpu_model: cpus[0]?.model ?? null,
    total_mem_mb: Math.round(os.totalmem() / 1048576),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    dovecot: commandOutput("dovecot", ["--version"]),
    // Other work on the machine skews every number here; the 1/5/15-minute load says how much there was.
    load_avg_start: loadAtStart,
    load_avg_end: loadAvg(),
    git_commit: commandOutput("git", ["rev-parse", "--short", "HEAD"], cfg.project),
    git_dirty: (commandOutput("git", ["status", "--porcelain"], cfg.project) ?? "") !== "",
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadAvg();
  const cfg = loadConfig(process.argv.slice(2));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-bench-data-"));
  if (!cfg.keep) cleanups.push({ what: "remove app data dir", fn: async () => rmSync(dataDir, { recursive: true, force: true }) });

  await assertPortFree(cfg);
  const startedStack = await startStack(cfg);
  if (startedStack && !cfg.keep) cleanups.push({ what: "stop mail stack", fn: () => stopStack(cfg) });
  await seedStack(cfg);
  const built = await ensureBuild(cfg, dataDir);
  const app = await startApp(cfg, dataDir);
  if (!cfg.keep) cleanups.push({ what: "stop app", fn: () => stopApp(app) });

  const want = (group: string) => !cfg.only || cfg.only.includes(group);
  const sections: Record<string, { pass: boolean }> = {};
  const summary: Record<string, unknown> = {};
  let count: number | null = null;

  if (want("http")) {
    const bulk: ImapTarget = { host: cfg.imapHost, port: cfg.imapPort, user: BULK_USER, password: passwordOf(BULK_USER) };
    const raw = await connectRaw(bulk);
    cleanups.push({ what: "close raw IMAP connection", fn: () => closeRaw(raw) });
    count = await messageCount(raw, "INBOX");
    if (count !== BULK_COUNT) throw new Error(`${BULK_USER} INBOX has ${count} messages, expected ${BULK_COUNT} (reseed: MAILSTACK_DIR=${cfg.mailstackDir} IMAP_PORT=${cfg.imapPort} tsx scripts/seed.ts --only=bulk --force)`);

    const session = new Client(cfg.appUrl);
    await session.signIn({ email: bulk.user, password: bulk.password });
    const list = await benchList(raw, session, cfg.listIterations, cfg.warmups);
    log(`  list: raw median ${list.raw.median_ms} ms, app median ${list.app.median_ms} ms, ratio ${list.warm_ratio}`);
    const open = await benchOpen(raw, session, cfg.openIterations, cfg.warmups);
    log(`  open: raw median ${open.raw.median_ms} ms, app median ${open.app.median_ms} ms, ratio ${open.ratio}`);
    // Signing out closes the pool this session kept warm, so the next section really starts cold.
    await session.signOut();

    const first = await benchFirstRequest({
      appUrl: cfg.appUrl,
      creds: { email: bulk.user, password: bulk.password },
      imap: bulk,
      rounds: cfg.coldRounds,
      rawWarmMedianMs: list.raw.median_ms,
    });
    log(`  first request: app ${first.app_first.median_ms} ms, raw cold ${first.raw_cold.median_ms} ms, sign-in ${first.sign_in.median_ms} ms`);

    const t20: ImapTarget = { host: cfg.imapHost, port: cfg.imapPort, user: ATTACHMENT_USER, password: passwordOf(ATTACHMENT_USER) };
    const download = await benchDownload({
      appUrl: cfg.appUrl,
      appPid: app.pid,
      creds: { email: t20.user, password: t20.password },
      imap: t20,
      attachmentBytes: cfg.attachmentBytes,
      rssIntervalMs: cfg.rssIntervalMs,
    });
    log(`  download: growth ${download.growth_mb} MiB (peak ${download.peak_rss_mb}), ${download.throughput_mb_s} MiB/s (raw ${download.raw.throughput_mb_s})`);
    Object.assign(sections, { list_newest_50: list, open_message: open, first_request_after_sign_in: first, attachment_download_50mb: download });
    Object.assign(summary, {
      warm_list_ratio: list.warm_ratio,
      open_message_ratio: open.ratio,
      first_request_vs_raw_warm: first.ratio_app_first_vs_raw_warm,
      first_request_vs_raw_cold: first.ratio_app_first_vs_raw_cold,
      download_rss_growth_mb: download.growth_mb,
      download_throughput_ratio: download.throughput_ratio,
    });
  }

  if (want("pop3")) {
    // POP3: the bench stack's POP3 sees the same INBOXes as IMAP (Dovecot), so 10,000 = bulk's INBOX.
    const workerEnv = { ...process.env, IMAP_HOST: cfg.imapHost, IMAP_PORT: String(cfg.imapPort), IMAP_TLS: "false", POP3_HOST: cfg.imapHost, POP3_PORT: String(cfg.pop3Port), POP3_TLS: "false", NEXTAUTH_SECRET: cfg.nextAuthSecret, MAIL_DOMAINS: "example.test" };
    const small = { label: "1,000 messages", user: POP3_SMALL_USER, password: passwordOf(POP3_SMALL_USER), messages: 1000 };
    await ensureMessages({ host: cfg.imapHost, port: cfg.imapPort, user: small.user, password: small.password }, small.messages);
    const pop3Small = await benchPop3Sync({ project: cfg.project, host: cfg.imapHost, port: cfg.pop3Port, env: workerEnv, target: small });
    const pop3Large = await benchPop3Sync({ project: cfg.project, host: cfg.imapHost, port: cfg.pop3Port, env: workerEnv, target: { label: "10,000 messages", user: BULK_USER, password: passwordOf(BULK_USER), messages: BULK_COUNT } });
    const rssGrowth = round((pop3Large.app.peak_rss_mb ?? 0) / Math.max(1, pop3Small.app.peak_rss_mb ?? 1), 2);
    const pop3Memory = {
      description: "peak RSS of the sync process for 10,000 messages divided by that for 1,000 (flat = about 1)",
      peak_rss_1000_mb: pop3Small.app.peak_rss_mb,
      peak_rss_10000_mb: pop3Large.app.peak_rss_mb,
      ratio: rssGrowth,
      targets: { ratio: { max: 1.5, source: "proposed" } },
      pass: rssGrowth <= 1.5,
    };
    Object.assign(sections, { pop3_sync_1000: pop3Small, pop3_sync_10000: pop3Large, pop3_sync_memory: pop3Memory });
    Object.assign(summary, {
      pop3_sync_ratio_1000: pop3Small.ratio_messages_per_s,
      pop3_sync_ratio_10000: pop3Large.ratio_messages_per_s,
      pop3_sync_peak_rss_ratio_10000_vs_1000: pop3Memory.ratio,
    });
  }

  if (want("realtime")) {
    const rt = await benchRealtime({
      appUrl: cfg.appUrl,
      imap: { host: cfg.imapHost, port: cfg.imapPort, user: REALTIME_USER, password: passwordOf(REALTIME_USER) },
      mailstackDir: cfg.mailstackDir,
      sessions: cfg.realtimeSessions,
      changes: cfg.realtimeChanges,
    });
    log(`  realtime: median ${rt.app.median_ms} ms, p95 ${rt.app.p95_ms} ms (raw median ${rt.raw.median_ms} ms, ratio ${rt.ratio}); watchers ${rt.imap_connections.watchers}, IMAP sessions ${rt.imap_connections.total}`);
    sections.realtime = rt;
    Object.assign(summary, {
      realtime_median_ms: rt.app.median_ms,
      realtime_p95_ms: rt.app.p95_ms,
      realtime_ratio: rt.ratio,
      realtime_watchers: rt.imap_connections.watchers,
      realtime_imap_sessions: rt.imap_connections.total,
    });
  }

  const failed = Object.entries(sections)
    .filter(([, s]) => !s.pass)
    .map(([name]) => name);
  const buildIdFile = path.join(cfg.project, ".next", "BUILD_ID");
  const result = {
    benchmark: "mailroom",
    timestamp: new Date().toISOString(),
    duration_s: round((performance.now() - started) / 1000, 1),
    machine: machineInfo(cfg, loadAtStart),
    setup: {
      app_url: cfg.appUrl,
      build_id: readFileSync(buildIdFile, "utf8").trim(),
      built_this_run: built,
      login_page_status: app.loginStatus,
      mailstack_dir: cfg.mailstackDir,
      imap_port: cfg.imapPort,
      stack_started_this_run: startedStack,
      bulk_inbox_messages: count,
      only: cfg.only,
    },
    sections,
    summary: {
      pass: failed.length === 0,
      failed,
      ...summary,
    },
  };
  const json = JSON.stringify(result, null, 2);
  mkdirSync(cfg.resultsDir, { recursive: true });
  writeFileSync(path.join(cfg.resultsDir, "latest.json"), json + "\n");
  process.stdout.write(json + "\n");
  log(`done in ${result.duration_s} s: ${failed.length === 0 ? "all targets met" : `missed: ${failed.join(", ")}`}`);
  if (cfg.keep) log(`--keep: app still running on ${cfg.appUrl} (pid ${app.pid}), stack in ${cfg.mailstackDir}, app data in ${dataDir}`);
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanUp();
    process.exit(1);
  });
