/**
 * Mailroom benchmark: `npm run bench` [--build] [--keep] [--only=<section>[,…]]
 *
 * Starts its own mail stack and app instance, measures the app against imapflow doing the same IMAP
 * work, prints one JSON document on stdout (progress goes to stderr) and writes it to
 * bench-results/latest.json. Exit code 0 even when a target is missed (the JSON says so); non-zero
 * only when the benchmark itself broke. See scripts/bench/config.ts for the BENCH_* overrides.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BULK_COUNT, BULK_USER, CLUSTER_USER, POP3_SMALL_USER, loadConfig, passwordOf, type BenchConfig } from "./config";
import { assertPortFree, ensureBuild, log, seedStack, startApp, startStack, stopApp, stopStack } from "./stack";
import { appSections, HTTP_SECTIONS, type Section } from "./app-sections";
import { cleanUp, cleanups } from "./cleanup";
import { round } from "./stats";
import { benchPop3Sync } from "./pop3-sync";
import { ensureMessages } from "./pop3-fixture";
import { benchMboxImport } from "./mbox-import";
import { benchPop3Cache } from "./pop3-cache";
import { benchImapConnections } from "./imap-connections";
import { assertBrowserPrerequisites, benchBrowser } from "./browser";

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

const APP_SECTIONS = [...HTTP_SECTIONS, "realtime", "open_prefetched_browser", "load", "big_folder_paging"];
const POP3_SECTIONS = ["pop3_sync_1000", "pop3_sync_10000", "pop3_sync_memory"];
// No mail stack or app needed: the importer runs on a file in its own process.
const LOCAL_SECTIONS = ["mbox_import_long_line", "pop3_cache"];
// Its own app instances (ports after the main app's), on the bench stack.
const CLUSTER_SECTIONS = ["imap_connections"];
// Mailroom against Roundcube in Chromium; its own app instance (port after the main app's) and Roundcube.
const BROWSER_SECTIONS = ["browser"];


/**
 * IMAP connections of one account with N instances and M people (issue 11 point 11): instances of the
 * same build on the ports after the main app's (BENCH_CLUSTER_INSTANCES, default 2), one data dir.
 */
async function clusterSection(cfg: BenchConfig, dataDir: string): Promise<Section> {
  await ensureBuild(cfg, dataDir);
  const count = Number(process.env.BENCH_CLUSTER_INSTANCES || 2);
  const urls: string[] = [];
  for (let i = 1; i <= count; i++) {
    const port = cfg.appPort + 10 + i;
    const instance = { ...cfg, appPort: port, appUrl: `http://127.0.0.1:${port}` };
    const app = await startApp(instance, dataDir, `i${i}`);
    cleanups.push({ what: `stop instance i${i}`, fn: () => stopApp(app) });
    urls.push(instance.appUrl);
  }
  const result = await benchImapConnections({
    urls,
    creds: { email: CLUSTER_USER, password: passwordOf(CLUSTER_USER) },
    mailstackDir: cfg.mailstackDir,
    people: [1, 6],
    poolSize: Number(process.env.IMAP_POOL_SIZE || 3),
  });
  return result;
}

/** POP3 sync throughput (no app server: the sync runs in the worker process). */
async function pop3Sections(cfg: BenchConfig, want: (key: string) => boolean): Promise<Record<string, Section>> {
  // The bench stack's POP3 sees the same INBOXes as IMAP (Dovecot), so 10,000 = bulk's INBOX.
  const workerEnv = { ...process.env, IMAP_HOST: cfg.imapHost, IMAP_PORT: String(cfg.imapPort), IMAP_TLS: "false", POP3_HOST: cfg.imapHost, POP3_PORT: String(cfg.pop3Port), POP3_TLS: "false", NEXTAUTH_SECRET: cfg.nextAuthSecret, MAIL_DOMAINS: "example.test" };
  const sections: Record<string, Section> = {};
  const memory = want("pop3_sync_memory");
  let small: Awaited<ReturnType<typeof benchPop3Sync>> | null = null;
  let large: Awaited<ReturnType<typeof benchPop3Sync>> | null = null;
  if (want("pop3_sync_1000") || memory) {
    const t = { label: "1,000 messages", user: POP3_SMALL_USER, password: passwordOf(POP3_SMALL_USER), messages: 1000 };
    await ensureMessages({ host: cfg.imapHost, port: cfg.imapPort, user: t.user, password: t.password }, t.messages);
    small = await benchPop3Sync({ project: cfg.project, host: cfg.imapHost, port: cfg.pop3Port, env: workerEnv, target: t, rounds: cfg.pop3Rounds });
    if (want("pop3_sync_1000")) sections.pop3_sync_1000 = small;
  }
  if (want("pop3_sync_10000") || memory) {
    large = await benchPop3Sync({ project: cfg.project, host: cfg.imapHost, port: cfg.pop3Port, env: workerEnv, target: { label: "10,000 messages", user: BULK_USER, password: passwordOf(BULK_USER), messages: BULK_COUNT }, rounds: cfg.pop3Rounds });
    if (want("pop3_sync_10000")) sections.pop3_sync_10000 = large;
  }
  if (memory && small && large) {
    const rssGrowth = round((large.app.peak_rss_mb ?? 0) / Math.max(1, small.app.peak_rss_mb ?? 1), 2);
    sections.pop3_sync_memory = {
      description: "peak RSS of the sync process for 10,000 messages divided by that for 1,000 (flat = about 1)",
      peak_rss_1000_mb: small.app.peak_rss_mb,
      peak_rss_10000_mb: large.app.peak_rss_mb,
      ratio: rssGrowth,
      targets: { ratio: { max: 1.5, source: "proposed" } },
      pass: rssGrowth <= 1.5,
    } as Section;
  }
  return sections;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadAvg();
  const cfg = loadConfig(process.argv.slice(2));
  // A name is a section key, a key prefix ("pop3" = every pop3_* section), or "http" for the HTTP API sections.
  const want = (key: string) => cfg.only === null || cfg.only.some((n) => key === n || key.startsWith(`${n}_`) || (n === "http" && HTTP_SECTIONS.includes(key)));
  const all = [...APP_SECTIONS, ...POP3_SECTIONS, ...CLUSTER_SECTIONS, ...BROWSER_SECTIONS, ...LOCAL_SECTIONS];
  const selected = all.filter(want);
  if (selected.length === 0) throw new Error(`--only=${cfg.only?.join(",")} selects no section (sections: ${all.join(", ")})`);
  const needsStack = [...APP_SECTIONS, ...POP3_SECTIONS, ...CLUSTER_SECTIONS, ...BROWSER_SECTIONS].some(want);
  // Before any stack or build starts: a missing Chromium or Roundcube fails the run at once.
  if (want("browser")) assertBrowserPrerequisites(cfg);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-bench-data-"));
  if (!cfg.keep) cleanups.push({ what: "remove app data dir", fn: async () => rmSync(dataDir, { recursive: true, force: true }) });

  let startedStack = false;
  if (needsStack) {
    await assertPortFree(cfg);
    startedStack = await startStack(cfg);
    if (startedStack && !cfg.keep) cleanups.push({ what: "stop mail stack", fn: () => stopStack(cfg) });
    // The load section's twenty accounts are seeded only when it runs; every other section reads bulk.
    const groups = [...(selected.some((k) => k !== "load") ? ["bulk"] : []), ...(want("load") ? ["load"] : [])];
    await seedStack(cfg, groups);
  }

  const app = APP_SECTIONS.some(want) ? await appSections(cfg, dataDir, want) : { sections: {}, setup: {} };
  const pop3 = POP3_SECTIONS.some(want) ? await pop3Sections(cfg, want) : {};
  const cluster = want("imap_connections") ? { imap_connections: await clusterSection(cfg, dataDir) } : {};
  const browser = want("browser") ? { browser: await benchBrowser(cfg, log, (what, fn) => cleanups.push({ what, fn })) } : {};
  const local: Record<string, Section> = {};
  if (want("mbox_import_long_line")) {
    const mbox = await benchMboxImport({ project: cfg.project });
    log(`  mbox import: ${mbox.import_seconds} s, longest stall ${mbox.longest_stall_ms} ms, byte-identical ${mbox.byte_identical}`);
    local.mbox_import_long_line = mbox;
  }
  if (want("pop3_cache")) local.pop3_cache = await benchPop3Cache({ project: cfg.project });
  const sections: Record<string, Section & Record<string, unknown>> = { ...app.sections, ...pop3, ...cluster, ...browser, ...local } as Record<string, Section & Record<string, unknown>>;

  const failed = Object.entries(sections)
    .filter(([, s]) => !s.pass)
    .map(([name]) => name);
  const pick = (section: string, key: string) => (sections[section] as Record<string, unknown> | undefined)?.[key];
  const summary = Object.fromEntries(
    Object.entries({
      warm_list_ratio: pick("list_newest_50", "warm_ratio"),
      open_message_ratio: pick("open_message", "ratio"),
      search_first_row_vs_old: pick("search_stream", "ratio_first_row_vs_old"),
      first_request_vs_raw_warm: pick("first_request_after_sign_in", "ratio_app_first_vs_raw_warm"),
      first_request_vs_raw_cold: pick("first_request_after_sign_in", "ratio_app_first_vs_raw_cold"),
      download_rss_growth_mb: pick("attachment_download_50mb", "growth_mb"),
      download_throughput_ratio: pick("attachment_download_50mb", "throughput_ratio"),
      pop3_sync_ratio_1000: pick("pop3_sync_1000", "ratio_messages_per_s"),
      pop3_sync_ratio_10000: pick("pop3_sync_10000", "ratio_messages_per_s"),
      pop3_sync_peak_rss_ratio_10000_vs_1000: pick("pop3_sync_memory", "ratio"),
      realtime_median_ms: (pick("realtime", "app") as { median_ms?: number } | undefined)?.median_ms,
      realtime_p95_ms: (pick("realtime", "app") as { p95_ms?: number } | undefined)?.p95_ms,
      realtime_ratio: pick("realtime", "ratio"),
      realtime_watchers: (pick("realtime", "imap_connections") as { watchers?: number } | undefined)?.watchers,
      imap_connections_max: (pick("imap_connections", "cases") as Array<{ total: number | null }> | undefined)?.reduce((m, c) => Math.max(m, c.total ?? 0), 0),
      load_errors: (pick("load", "errors") as { total?: number } | undefined)?.total,
      load_p95_list_ms: (pick("load", "operations") as { list?: { p95_ms: number | null } } | undefined)?.list?.p95_ms,
      load_p95_page_ms: (pick("load", "operations") as { page?: { p95_ms: number | null } } | undefined)?.page?.p95_ms,
      load_p95_open_ms: (pick("load", "operations") as { open?: { p95_ms: number | null } } | undefined)?.open?.p95_ms,
      browser_meets_5x_10k: (pick("browser", "mailbox_10k") as { meets_5x_all?: boolean | null } | undefined)?.meets_5x_all,
      browser_meets_5x_100k: (pick("browser", "mailbox_100k") as { meets_5x_all?: boolean | null } | undefined)?.meets_5x_all,
      browser_cold_first_page_100k_ms: (pick("browser", "summary") as { cold_first_page_100k_ms?: number | null } | undefined)?.cold_first_page_100k_ms,
      mbox_import_seconds: pick("mbox_import_long_line", "import_seconds"),
      mbox_import_longest_stall_ms: pick("mbox_import_long_line", "longest_stall_ms"),
      pop3_cache_meets_20ms: pick("pop3_cache", "meets_20ms"),
      pop3_cache_slowest: pick("pop3_cache", "slowest"),
    }).filter(([, v]) => v !== undefined),
  );
  const result = {
    benchmark: "mailroom",
    timestamp: new Date().toISOString(),
    duration_s: round((performance.now() - started) / 1000, 1),
    machine: machineInfo(cfg, loadAtStart),
    setup: {
      ...(cfg.only ? { only: cfg.only } : {}),
      ...app.setup,
      mailstack_dir: cfg.mailstackDir,
      imap_port: cfg.imapPort,
      stack_started_this_run: startedStack,
    },
    sections,
    summary: { pass: failed.length === 0, failed, ...summary },
  };
  const json = JSON.stringify(result, null, 2);
  mkdirSync(cfg.resultsDir, { recursive: true });
  // A partial run does not overwrite the full run's latest.json.
  writeFileSync(path.join(cfg.resultsDir, cfg.only ? `latest-${cfg.only.join("+")}.json` : "latest.json"), json + "\n");
  process.stdout.write(json + "\n");
  log(`done in ${result.duration_s} s: ${failed.length === 0 ? "all targets met" : `missed: ${failed.join(", ")}`}`);
  if (cfg.keep) log(`--keep: stack in ${cfg.mailstackDir}`);
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
