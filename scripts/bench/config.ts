/**
 * Settings of one bench run. The bench owns its stack (ports and folder differ from the dev stack,
 * .mailstack, and the test stack, .mailstack-test) so it never disturbs either.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPhase, type LoadPhase } from "./load-phase";

export const PROJECT = path.resolve(__dirname, "..", "..");


export interface BenchConfig {
  project: string;
  mailstackDir: string;
  imapHost: string;
  imapPort: number;
  pop3Port: number;
  smtpPort: number;
  lmtpPort: number;
  appPort: number;
  appUrl: string;
  /** Only the bench's own app instance sees this secret. */
  nextAuthSecret: string;
  listIterations: number;
  openIterations: number;
  warmups: number;
  coldRounds: number;
  attachmentBytes: number;
  rssIntervalMs: number;
  /** Bare/app pairs per POP3 sync section (median ratio). */
  pop3Rounds: number;
  build: boolean;
  keep: boolean;
  /** `--only=a,b`: run only the sections whose JSON key is a name or starts with "name_" (null: all). */
  only: string[] | null;
  realtimeSessions: number;
  realtimeChanges: number;
  /** Load section (scripts/bench/load.ts): sessions, seconds, requests/s per session (0 = unpaced), start waves. */
  loadSessions: number;
  loadSeconds: number;
  loadRate: number;
  loadWaves: number;
  /** BENCH_LOAD_PHASE: paced sessions send evenly through each second ("spread") or all at once ("burst"). */
  loadPhase: LoadPhase;
  loadSearch: boolean;
  /** Measured rounds of open_prefetched_browser (each opens one prefetched and one plain row). */
  prefetchRounds: number;
  resultsDir: string;
  /** The browser section (Mailroom against Roundcube in Chromium): measured runs per app and mailbox. */
  browserRuns: number;
  browserWarmups: number;
  /** Longest wait for one step, in seconds; then that sample is null ("timed out"). */
  browserDeadlineS: number;
  /** Sign-ins to a just-restarted app with an empty data dir (the 100,000-message cold first page). */
  browserColdRuns: number;
  /** `php -S` serving Roundcube (default: the app port + 80). */
  roundcubePort: number;
  chromiumPath: string;
}

function intFromEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw} must be an integer >= ${min}`);
  return n;
}

export function loadConfig(argv: string[]): BenchConfig {
  const known = new Set(["--build", "--keep"]);
  const unknown = argv.filter((a) => !known.has(a) && !a.startsWith("--only="));
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(" ")} (known: --build, --keep, --only=<section>[,<section>])`);
  const onlyArg = argv.find((a) => a.startsWith("--only="));
  const only = onlyArg ? onlyArg.slice("--only=".length).split(",").map((x) => x.trim()).filter(Boolean) : null;
  if (only && only.length === 0) throw new Error("--only needs at least one section name (e.g. --only=pop3_sync)");
  const appPort = intFromEnv("BENCH_APP_PORT", 3200);
  return {
    project: PROJECT,
    mailstackDir: path.resolve(process.env.BENCH_MAILSTACK_DIR || path.join(PROJECT, ".mailstack-bench")),
    imapHost: "127.0.0.1",
    imapPort: intFromEnv("BENCH_IMAP_PORT", 3143),
    pop3Port: intFromEnv("BENCH_POP3_PORT", 3110),
    smtpPort: intFromEnv("BENCH_SMTP_PORT", 3025),
    lmtpPort: intFromEnv("BENCH_LMTP_PORT", 3024),
    appPort,
    appUrl: `http://127.0.0.1:${appPort}`,
    nextAuthSecret: process.env.BENCH_NEXTAUTH_SECRET || "mailroom-bench-only-secret-0123456789abcdef",
    listIterations: intFromEnv("BENCH_LIST_ITERATIONS", 40),
    openIterations: intFromEnv("BENCH_OPEN_ITERATIONS", 40),
    warmups: intFromEnv("BENCH_WARMUPS", 3, 0),
    coldRounds: intFromEnv("BENCH_COLD_ROUNDS", 8),
    attachmentBytes: intFromEnv("BENCH_ATTACHMENT_MB", 50) * 1024 * 1024,
    rssIntervalMs: intFromEnv("BENCH_RSS_INTERVAL_MS", 25),
    pop3Rounds: intFromEnv("BENCH_POP3_ROUNDS", 3),
    build: argv.includes("--build"),
    keep: argv.includes("--keep"),
    only,
    realtimeSessions: intFromEnv("BENCH_REALTIME_SESSIONS", 20),
    realtimeChanges: intFromEnv("BENCH_REALTIME_CHANGES", 200),
    loadSessions: intFromEnv("BENCH_LOAD_SESSIONS", 200),
    loadSeconds: intFromEnv("BENCH_LOAD_SECONDS", 60),
    loadRate: intFromEnv("BENCH_LOAD_RATE", 1, 0),
    loadWaves: intFromEnv("BENCH_LOAD_WAVES", 1),
    loadPhase: loadPhase(process.env.BENCH_LOAD_PHASE),
    loadSearch: process.env.BENCH_LOAD_SEARCH !== "0",
    prefetchRounds: intFromEnv("BENCH_PREFETCH_ROUNDS", 7),
    resultsDir: path.join(PROJECT, "bench-results"),
    browserRuns: intFromEnv("BENCH_BROWSER_RUNS", 5),
    browserWarmups: intFromEnv("BENCH_BROWSER_WARMUPS", 1, 0),
    browserDeadlineS: intFromEnv("BENCH_BROWSER_DEADLINE_S", 20),
    browserColdRuns: intFromEnv("BENCH_BROWSER_COLD_RUNS", 3),
    roundcubePort: intFromEnv("BENCH_ROUNDCUBE_PORT", appPort + 80),
    chromiumPath: process.env.BENCH_CHROMIUM || "/usr/bin/chromium",
  };
}

/** Environment for scripts/mail-stack.sh and scripts/seed.ts, pointed at the bench stack. */
export function stackEnv(cfg: BenchConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MAILSTACK_DIR: cfg.mailstackDir,
    IMAP_HOST: cfg.imapHost,
    IMAP_PORT: String(cfg.imapPort),
    POP3_PORT: String(cfg.pop3Port),
    SMTP_PORT: String(cfg.smtpPort),
    LMTP_PORT: String(cfg.lmtpPort),
  };
}

/** Environment of the app under bench (also used for `next build`, which imports route modules). */
export function appEnv(cfg: BenchConfig, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    IMAP_HOST: cfg.imapHost,
    IMAP_PORT: String(cfg.imapPort),
    IMAP_TLS: "false",
    NEXTAUTH_SECRET: cfg.nextAuthSecret,
    NEXTAUTH_URL: cfg.appUrl,
    MAIL_DOMAINS: "example.test",
    MAILROOM_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** Passwords come from the same file the mail stack hashes, so they cannot drift. */
export function passwordOf(email: string, project = PROJECT): string {
  const file = path.join(project, "config", "dovecot", "users.txt");
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith("#")) continue;
    const i = t.indexOf(":");
    if (i > 0 && t.slice(0, i).toLowerCase() === email.toLowerCase()) return t.slice(i + 1);
  }
  throw new Error(`${email} is not in config/dovecot/users.txt`);
}

export const BULK_USER = "bulk@example.test";
export const BULK_COUNT = 10_000;
/** Only in the bench stack: 100,000 messages (scripts/bench/bench-seed.ts), for the browser section. */
export const BULK100K_USER = "bulk100k@example.test";
export const BULK100K_COUNT = 100_000;
export const ATTACHMENT_USER = "t20@example.test";
/** Gets exactly 1,000 generated messages for the POP3 sync section. */
export const POP3_SMALL_USER = "t17@example.test";
/** Twenty sessions of this account follow INBOX in the realtime section. */
export const REALTIME_USER = "t34@example.test";
/** The imap_connections section's people all sign in as this account (only reads its mail). */
export const CLUSTER_USER = "t225@example.test";
