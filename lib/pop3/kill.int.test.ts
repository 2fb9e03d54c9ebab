import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "@/scripts/seed-lib";
import type { Pop3Policy } from "@/lib/shared/types";
import { syncPop3Account } from "@/lib/pop3/sync";
import { FaultProxy } from "@/lib/pop3/testing/fault-proxy";
import { cachedHashes, corpus, deliver, dropCache, freshCache, PASSWORD, POP3, resetServer, serverCount, sha256, user } from "@/lib/pop3/testing/fixtures";

/*
 * THE GUARANTEE: however often a sync dies — SIGKILL at random moments, the connection cut mid-RETR —
 * one more complete sync leaves every delivered message in the cache exactly once, byte for byte.
 * Workers are separate processes (scripts/pop3-sync-worker.ts) so a kill is a real crash: no finally,
 * no QUIT, possibly a half-written temp file, a blob without its row, or a commit without its DELE.
 */
const root = path.resolve(__dirname, "../..");
const proxy = new FaultProxy({ target: POP3 });

interface Run {
  killed: boolean;
  output: string;
}

/** killAfterMs counts from the first progress line (session ready), or from spawn when fromSpawn. */
function runWorker(dataDir: string, email: string, killAfterMs: number | null, ignoreUidl: boolean, fromSpawn = false): Promise<Run> {
  // One process (node --import tsx), not the tsx CLI: SIGKILL to the CLI would leave its node child running.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/pop3-sync-worker.ts", email, "--progress", ...(ignoreUidl ? ["--ignore-uidl"] : [])], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      MAILROOM_DATA_DIR: dataDir,
      MAILROOM_SYNC_PASSWORD: PASSWORD,
      MAILROOM_LOG_LEVEL: "error",
      POP3_HOST: "127.0.0.1",
      POP3_PORT: String(proxy.port),
      POP3_TLS: "false",
      IMAP_HOST: process.env.IMAP_HOST ?? "127.0.0.1",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-secret-for-mailroom-e2e-only-0123456789",
    },
  });
  let output = "";
  let armed = false;
  // The kill clock starts when the session is ready (first progress line), so kills land inside the sync.
  const safety = setTimeout(() => child.kill("SIGKILL"), 30_000);
  if (fromSpawn && killAfterMs !== null) {
    armed = true;
    setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  }
  child.stdout.on("data", (b: Buffer) => {
    output += b.toString();
    if (!armed && killAfterMs !== null && output.includes('"progress"')) {
      armed = true;
      setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    }
  });
  child.stderr.on("data", (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => {
    child.on("exit", (_code, signal) => {
      clearTimeout(safety);
      resolve({ killed: signal === "SIGKILL", output });
    });
  });
}

async function scenario(n: number, policy: Pop3Policy, opts: { ignoreUidl: boolean; iterations: number; seed: number }) {
  const u = user(n);
  await resetServer(u);
  const cache = freshCache();
  const account = u.email;
  await cache.store.saveSettings(account, { policy, keepDays: 14, intervalSeconds: 60 });
  const delivered = corpus(300, opts.seed, u.email);
  await deliver(u, delivered);
  const rng = createRng(opts.seed);
  let killed = 0;
  const severedBefore = proxy.severed;
  try {
    for (let i = 0; i < opts.iterations; i++) {
      if (i % 6 === 2) {
        proxy.severRetrAfter = rng.int(2_000, 250_000); // cut mid-RETR: the worker sees the connection drop
        const run = await runWorker(cache.dataDir, u.email, null, opts.ignoreUidl);
        expect(run.killed).toBe(false);
        proxy.severRetrAfter = null;
      } else if (i % 5 === 4) {
        // Anywhere from start-up through login, UIDL and the first messages.
        const run = await runWorker(cache.dataDir, u.email, rng.int(50, 1500), opts.ignoreUidl, true);
        if (run.killed) killed++;
      } else {
        // Inside the download loop: a sync of ~30 new messages (one group commit) takes well under 100 ms here.
        const run = await runWorker(cache.dataDir, u.email, rng.int(0, 100), opts.ignoreUidl);
        if (run.killed) killed++;
      }
      // New mail before every run keeps each one busy downloading, so kills land mid-transfer.
      const more = corpus(30, opts.seed * 7 + i, u.email);
      delivered.push(...more);
      await deliver(u, more);
    }
    const final = await syncPop3Account(u.creds, { cache, server: POP3, ignoreUidl: opts.ignoreUidl });

    const want = delivered.map(sha256).sort();
    const got = await cachedHashes(cache, account);
    expect(new Set(want).size).toBe(want.length);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want); // same multiset: nothing missing, nothing twice, every blob intact
    expect(await serverCount(u)).toBe(policy === "delete" ? 0 : delivered.length);
    expect(readdirSync(path.join(cache.dataDir, "tmp")).flatMap((d) => readdirSync(path.join(cache.dataDir, "tmp", d)))).toEqual([]);
    expect(killed).toBeGreaterThan(opts.iterations / 3);
    expect(proxy.severed - severedBefore).toBeGreaterThanOrEqual(1);
    console.log(`[kill test] ${policy}${opts.ignoreUidl ? " (no UIDL)" : ""}: ${killed} SIGKILLs, ${proxy.severed - severedBefore} mid-RETR cuts, ${delivered.length} messages, final run fetched ${final.fetched}`);
  } finally {
    dropCache(cache);
  }
}

describe("POP3 sync survives crashes (kill test)", () => {
  beforeAll(async () => {
    await proxy.listen();
  });
  afterAll(async () => {
    await proxy.close();
  });

  it("policy delete: 25 crashes, then one sync → exactly the delivered set, server empty", async () => {
    await scenario(11, "delete", { ignoreUidl: false, iterations: 25, seed: 1101 });
  });

  it("policy keep: 20 crashes, then one sync → exactly the delivered set, server keeps all", async () => {
    await scenario(12, "keep", { ignoreUidl: false, iterations: 20, seed: 1202 });
  });

  it("server without UIDL (hash dedup), policy keep: 12 crashes → exactly the delivered set", async () => {
    await scenario(13, "keep", { ignoreUidl: true, iterations: 12, seed: 1303 });
  });
});
