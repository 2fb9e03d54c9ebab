/**
 * Starting and stopping what the bench measures: its own mail stack (scripts/mail-stack.sh), the
 * seed, a production build when there is none, and one `next start` child.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { appEnv, stackEnv, type BenchConfig } from "./config";
import { waitForAnswer } from "./http";

export const log = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};

/** Runs a command to completion with its output on our stderr (stdout is reserved for the JSON). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", 2, 2] });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function runOrThrow(what: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  const code = await run(cmd, args, env, cwd);
  if (code !== 0) throw new Error(`${what} failed (exit ${code}): ${cmd} ${args.join(" ")}`);
}

const mailStack = (cfg: BenchConfig) => path.join(cfg.project, "scripts", "mail-stack.sh");

export function stackRunning(cfg: BenchConfig): boolean {
  const r = spawnSync("bash", [mailStack(cfg), "status"], { cwd: cfg.project, env: stackEnv(cfg), stdio: ["ignore", "ignore", "ignore"] });
  return r.status === 0;
}

/** Starts the bench stack unless it already runs; returns whether this run started it (and so must stop it). */
export async function startStack(cfg: BenchConfig): Promise<boolean> {
  if (stackRunning(cfg)) {
    log(`mail stack already running in ${cfg.mailstackDir}; leaving it running afterwards`);
    return false;
  }
  log(`starting mail stack in ${cfg.mailstackDir} (IMAP ${cfg.imapPort})`);
  await runOrThrow("mail stack start", "bash", [mailStack(cfg), "start"], stackEnv(cfg), cfg.project);
  return true;
}

export async function stopStack(cfg: BenchConfig): Promise<void> {
  log("stopping mail stack");
  await runOrThrow("mail stack stop", "bash", [mailStack(cfg), "stop"], stackEnv(cfg), cfg.project);
}

/** Seeds the given seed groups (the 10,000-message bulk user by default); the seed skips a user whose INBOX already has mail. */
export async function seedStack(cfg: BenchConfig, only: string[] = ["bulk"]): Promise<void> {
  log(`seeding ${only.join(", ")} (skipped when already seeded)`);
  const tsx = path.join(cfg.project, "node_modules", ".bin", "tsx");
  await runOrThrow("seed", tsx, [path.join(cfg.project, "scripts", "seed.ts"), `--only=${only.join(",")}`], stackEnv(cfg), cfg.project);
}

/** Builds unless a build exists; --build forces one. Returns whether it built. */
export async function ensureBuild(cfg: BenchConfig, dataDir: string): Promise<boolean> {
  const buildId = path.join(cfg.project, ".next", "BUILD_ID");
  if (existsSync(buildId) && !cfg.build) return false;
  log(cfg.build ? "building the app (--build)" : "no .next/BUILD_ID: building the app");
  const next = path.join(cfg.project, "node_modules", ".bin", "next");
  await runOrThrow("next build", next, ["build"], appEnv(cfg, dataDir), cfg.project);
  if (!existsSync(buildId)) throw new Error("next build finished without writing .next/BUILD_ID");
  return true;
}

export interface AppProcess {
  pid: number;
  child: ChildProcess;
  alive: () => boolean;
  logFile: string;
  loginStatus: number;
}

/**
 * Starts a server process in its own process group (so it can be stopped with its children), its output
 * in a log file, not a pipe (with --keep it outlives this process and must keep a place to log).
 */
export async function spawnLogged(cmd: string, args: string[], o: { cwd?: string; env: NodeJS.ProcessEnv; logFile: string; append: boolean }): Promise<{ child: ChildProcess; alive: () => boolean }> {
  const out = openSync(o.logFile, o.append ? "a" : "w");
  const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, stdio: ["ignore", out, out], detached: true });
  closeSync(out);
  let exited = false;
  child.on("exit", () => (exited = true));
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  return { child, alive: () => !exited };
}

/**
 * Starts `next start` in its own process group (so stopping it also stops the server child) and waits
 * until it answers. `instance` names a further instance (own log file, MAILROOM_INSTANCE) on cfg.appPort.
 */
export async function startApp(cfg: BenchConfig, dataDir: string, instance?: string): Promise<AppProcess> {
  mkdirSync(cfg.resultsDir, { recursive: true });
  const logFile = path.join(cfg.resultsDir, instance ? `app-${instance}.log` : "app.log");
  // A file descriptor, not a pipe: with --keep the app outlives this process and must keep a place to log.
  const next = path.join(cfg.project, "node_modules", ".bin", "next");
  log(`starting next start on ${cfg.appUrl} (log: ${path.relative(cfg.project, logFile)})`);
  const { child, alive } = await spawnLogged(next, ["start", "-H", "127.0.0.1", "-p", String(cfg.appPort)], {
    cwd: cfg.project,
    env: { ...appEnv(cfg, dataDir), ...(instance ? { MAILROOM_INSTANCE: instance } : {}) },
    logFile,
    append: false,
  });
  const app: AppProcess = { pid: child.pid!, child, alive, logFile, loginStatus: 0 };
  try {
    app.loginStatus = await waitForAnswer(`${cfg.appUrl}/login`, 60_000, app.alive);
    if (app.loginStatus !== 200) {
      // The API is what the bench drives; a missing sign-in page is reported, not fatal.
      log(`WARNING: GET /login answered ${app.loginStatus}, not 200; checking /api/auth/csrf instead`);
      const csrf = await waitForAnswer(`${cfg.appUrl}/api/auth/csrf`, 30_000, app.alive);
      if (csrf !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf}`);
    }
  } catch (err) {
    await stopApp(app);
    throw err;
  }
  log(`app ready (pid ${app.pid})`);
  return app;
}

export async function stopApp(app: AppProcess): Promise<void> {
  if (!app.alive()) return;
  log(`stopping app (process group ${app.pid})`);
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-app.pid, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + 10_000;
  while (app.alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (app.alive()) signal("SIGKILL");
}

/** Fails early, with a clear message, when something else already listens on the app port. */
export async function assertPortFree(cfg: BenchConfig): Promise<void> {
  const busy = await fetch(`${cfg.appUrl}/`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`something already answers on ${cfg.appUrl}; stop it or set BENCH_APP_PORT`);
}
