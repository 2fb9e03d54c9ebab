import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "@/scripts/seed-lib";
import type { Pop3Policy } from "@/lib/shared/types";
import type { Cache } from "@/lib/cache/open-cache";
import type { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { syncPop3Account } from "@/lib/pop3/sync";
import { FaultProxy } from "@/lib/pop3/testing/fault-proxy";
import { cachedHashes, corpus, deliver, dropCache, freshCache, PASSWORD, POP3, resetServer, serverHashes, sha256, user } from "@/lib/pop3/testing/fixtures";

/*
 * THE GUARANTEE: however often a sync dies — SIGKILL at random moments, the connection cut mid-RETR —
 * one more complete sync leaves every delivered message in the cache exactly once, byte for byte.
 * Workers are separate processes (scripts/pop3-sync-worker.ts) so a kill is a real crash: no finally,
 * no QUIT, possibly a half-written temp file, a blob without its row, or a commit without its DELE.
 */
const root = path.resolve(__dirname, "../..");
const proxy = new FaultProxy({ target: POP3 });

let lockRefusals = 0;

interface Run {
  killed: boolean;
  output: string;
}

/**
 * killAfterMs counts from the `afterProgress`-th progress line (the first: session ready and listed;
 * each later one: a batch committed), or from spawn when fromSpawn.
 */
function runWorker(dataDir: string, email: string, killAfterMs: number | null, ignoreUidl: boolean, fromSpawn = false, afterProgress = 1): Promise<Run> {
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
    if (!armed && killAfterMs !== null && output.split('"progress"').length - 1 >= afterProgress) {
      armed = true;
      setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    }
  });
  child.stderr.on("data", (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => {
    child.on("exit", (_code, signal) => {
      clearTimeout(safety);
      // Each run must take over the lock of the one killed before it (its pid is gone), never wait it out.
      if (output.includes("SYNC_ALREADY_RUNNING")) lockRefusals++;
      resolve({ killed: signal === "SIGKILL", output });
    });
  });
}

const DAY = 86_400_000;
const KEEP_DAYS = 14;
type Rng = ReturnType<typeof createRng>;

/**
 * keep-days: what the clock does between runs. Ledger rows are backdated in the test's handle on the
 * same SQLite file (no worker runs then): about a quarter past KEEP_DAYS (due for DELE; `aged`), a
 * tenth to an hour short of it (must stay on the server).
 */
async function ageSome(cache: Cache, account: string, rng: Rng, aged: Set<string>): Promise<void> {
  const db = (cache.store as SqliteCacheStore).db;
  const set = db.prepare("UPDATE pop3_ledger SET downloaded_at = ? WHERE account = ? AND key = ?");
  const now = Date.now();
  for (const r of (await cache.store.ledger(account)).values()) {
    if (now - r.downloadedAt > DAY) continue; // aged (or nearly) already
    const x = rng.next();
    if (x < 0.25) {
      set.run(now - KEEP_DAYS * DAY - rng.int(0, 5 * DAY), account, r.key);
      aged.add(r.sha256);
    } else if (x < 0.35) {
      set.run(now - KEEP_DAYS * DAY + 3_600_000, account, r.key);
    }
  }
}

/**
 * delete-when-deleted: what the user does between runs. About an eighth of the INBOX goes to Trash;
 * Trash is then emptied except every third message (in Trash is not deleted: it stays on the server).
 */
async function removeSome(cache: Cache, account: string, rng: Rng, removed: Set<string>): Promise<void> {
  const store = new Pop3Store(cache, account);
  const inbox = await cache.store.listMessages(account, "INBOX", { limit: 100_000 });
  const pick = inbox.rows.filter(() => rng.chance(0.12)).map((r) => r.uid);
  if (pick.length) await store.remove("INBOX", pick);
  const trash = (await cache.store.listMessages(account, "Trash", { limit: 100_000 })).rows.filter((r) => r.uid % 3 !== 0);
  if (trash.length) await store.remove("Trash", trash.map((r) => r.uid));
  for (const r of trash) removed.add(r.sha256);
}

async function scenario(n: number, policy: Pop3Policy, opts: { ignoreUidl: boolean; iterations: number; seed: number; late?: boolean }) {
  const u = user(n);
  await resetServer(u);
  const cache = freshCache();
  const account = u.email;
  await cache.store.saveSettings(account, { policy, keepDays: KEEP_DAYS, intervalSeconds: 60 });
  const delivered = corpus(300, opts.seed, u.email);
  await deliver(u, delivered);
  const rng = createRng(opts.seed);
  let killed = 0;
  const severedBefore = proxy.severed;
  const aged = new Set<string>(); // keep-days: due for deletion on the server
  const removed = new Set<string>(); // delete-when-deleted: emptied from Trash here
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
        // With `late`, half the kills come after the first to third group commit (whatever the machine's
        // load), so that killed runs have committed batches and sent DELEs (not yet applied: no QUIT).
        const late = opts.late && rng.chance(0.5);
        const run = await runWorker(cache.dataDir, u.email, late ? rng.int(0, 60) : rng.int(0, 100), opts.ignoreUidl, false, late ? rng.int(2, 4) : 1);
        if (run.killed) killed++;
      }
      if (policy === "keep-days") await ageSome(cache, account, rng, aged);
      if (policy === "delete-when-deleted") await removeSome(cache, account, rng, removed);
      // New mail before every run keeps each one busy downloading, so kills land mid-transfer.
      const more = corpus(30, opts.seed * 7 + i, u.email);
      delivered.push(...more);
      await deliver(u, more);
    }
    const final = await syncPop3Account(u.creds, { cache, server: POP3, ignoreUidl: opts.ignoreUidl });

    const all = delivered.map(sha256);
    expect(new Set(all).size).toBe(all.length);
    const got = await cachedHashes(cache, account);
    // Same multiset: nothing missing, nothing twice, every blob re-hashed intact (minus what the user deleted).
    expect(got).toEqual(all.filter((h) => !removed.has(h)).sort());
    const gone = policy === "delete" ? new Set(all) : policy === "keep-days" ? aged : removed;
    // The server holds exactly what the policy keeps: every due DELE went out, and no other.
    expect(await serverHashes(u)).toEqual(all.filter((h) => !gone.has(h)).sort());
    expect(readdirSync(path.join(cache.dataDir, "tmp")).flatMap((d) => readdirSync(path.join(cache.dataDir, "tmp", d)))).toEqual([]);
    // Late kills sometimes find the run finished: fewer of those runs die, but those that do die later.
    expect(killed).toBeGreaterThanOrEqual(opts.late ? opts.iterations / 4 : opts.iterations / 3);
    expect(lockRefusals).toBe(0);
    expect(proxy.severed - severedBefore).toBeGreaterThanOrEqual(1);
    if (policy === "keep-days" || policy === "delete-when-deleted") expect(gone.size).toBeGreaterThan(20);
    // And a sync after that has nothing to do: no tombstone or pruned ledger row brings a message back.
    expect(await syncPop3Account(u.creds, { cache, server: POP3, ignoreUidl: opts.ignoreUidl })).toMatchObject({ fetched: 0, deleted: 0 });
    console.log(`[kill test] ${policy}${opts.ignoreUidl ? " (no UIDL)" : ""}: ${killed} SIGKILLs, ${proxy.severed - severedBefore} mid-RETR cuts, ${delivered.length} messages, ${gone.size} deleted on the server by policy, final run fetched ${final.fetched}`);
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
    await scenario(11, "delete", { ignoreUidl: false, iterations: 25, seed: 1101, late: true });
  });

  it("policy keep: 20 crashes, then one sync → exactly the delivered set, server keeps all", async () => {
    await scenario(12, "keep", { ignoreUidl: false, iterations: 20, seed: 1202 });
  });

  it("policy keep-days: 18 runs (SIGKILLs, cuts) while rows age past N days, then one sync → exactly the delivered set, exactly the aged ones gone from the server", async () => {
    await scenario(36, "keep-days", { ignoreUidl: false, iterations: 18, seed: 3601, late: true });
  });

  it("policy delete-when-deleted: 18 runs (SIGKILLs, cuts) while the user empties Trash, then one sync → the delivered set less the deleted, which are gone from the server", async () => {
    await scenario(37, "delete-when-deleted", { ignoreUidl: false, iterations: 18, seed: 3702, late: true });
  });

  it("server without UIDL (hash dedup), policy keep: 12 crashes → exactly the delivered set", async () => {
    await scenario(13, "keep", { ignoreUidl: true, iterations: 12, seed: 1303 });
  });
});
