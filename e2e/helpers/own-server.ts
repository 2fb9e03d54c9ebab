import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { APP_PORT, appEnv } from "./app-env";
import { chooseProtocol } from "./session";

// A `next start` of the e2e build that one spec owns: its own port (≥ APP_PORT+20, clear of the
// suite's apps and of the mail stack's ports), data directory and settings, so it can be killed.

export interface OwnServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startOwnServer(opts: { offset: number; name: string; env?: Record<string, string>; keepData?: boolean }): Promise<OwnServer> {
  const port = APP_PORT + opts.offset;
  const dataDir = path.resolve(".mailstack-test", `own-${opts.name}`);
  if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", ...appEnv({ NEXTAUTH_URL: url, MAILROOM_DATA_DIR: dataDir, ...opts.env }) };
  const proc: ChildProcess = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  proc.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once("exit", (code, signal) => r({ code, signal })));
  await expect
    .poll(async () => (await fetch(`${url}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000, message: `own server on ${port}: ${out}` })
    .toBe(200);
  return {
    url,
    dataDir,
    proc,
    exited,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    },
  };
}

/** Signs in through the real sign-in page of `url`; returns the context (its cookies are the session). */
export async function signInAt(browser: Browser, url: string, user: { email: string; password: string }, protocol: "IMAP" | "POP3" = "IMAP"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await page.goto("/login");
  if (protocol === "POP3") await chooseProtocol(page, "POP3");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 30_000 });
  await page.close();
  return context;
}

/** The context's cookies as a Cookie header, for raw HTTP requests. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}
