/**
 * Section "load" (issue 13 point 3): S signed-in sessions (BENCH_LOAD_SESSIONS, 200) spread over the
 * twenty accounts t401…t420, each looping list → open (+ its HTML body, as the frame loads it) → open
 * → search for BENCH_LOAD_SECONDS (60) against the one app instance, driven by autocannon: one
 * autocannon connection is one session, with that session's cookie and its own SessionScript
 * (load-plan.ts) choosing each next request from the answers so far.
 *
 * Pacing: each session sends at most BENCH_LOAD_RATE requests a second (a person reading mail, not a
 * tight loop); 0 sends the next request as soon as the answer arrives (a stress test: 200 requests
 * always in flight). autocannon paces per connection on a one-second timer started with the
 * connection, so with one instance every session would fire near the same millisecond of each second:
 * by default each session's timer is shifted to its own point in the second (load-phase.ts; BENCH_LOAD_PHASE=burst
 * keeps the alignment). BENCH_LOAD_WAVES=N starts N instances spread over one second instead. That is off by default: with
 * 20 waves, the first request of the later waves' connections went unanswered for 30 s in every run on
 * this machine (not seen with one instance, nor with plain autocannon waves; cause not found yet).
 *
 * Measured beside the latencies: IMAP sessions of the load accounts on Dovecot (doveadm who, once a
 * second) against IMAP_POOL_SIZE + 3 per account, and the app's RSS (process tree, /proc).
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { passwordOf } from "./config";
import { Client } from "./http";
import { LOAD_OPS, SessionScript, connectionPeaks, mulberry, opStats, sessionsPerAccount, spreadSessions, verdict, type ConnectionPeaks, type LoadOp, type LoadVerdict, type OpStats } from "./load-plan";
import { Probe, type ProbeResult } from "./load-probe";
import { phaseOffsetMs, shiftPacing, type LoadPhase } from "./load-phase";
import { cpuByRoute, type RouteCosts } from "./load-cpu";
import { LOAD_ACCOUNTS, sampleConnections, serverLimit, treeCpuSeconds } from "./load-system";
import { RssSampler, quietRss } from "./rss";
import { log } from "./stack";
import { round } from "./stats";

export { LOAD_ACCOUNTS };
const FOLDER = "INBOX";
const LIMIT = 50;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadOptions {
  appUrl: string;
  appPid: number;
  mailstackDir: string;
  imapHost: string;
  imapPort: number;
  sessions: number;
  seconds: number;
  /** Requests per second per session; 0 = as fast as the answers come. */
  rate: number;
  waves: number;
  /** When in each second the paced sessions send (load-phase.ts): evenly ("spread") or all at once ("burst"). */
  phase: LoadPhase;
  poolSize: number;
  /** false: sessions only list and open (BENCH_LOAD_SEARCH=0). */
  search: boolean;
}

export interface LoadResult {
  description: string;
  sessions: number;
  accounts: number;
  sessions_per_account: { min: number; max: number };
  seconds: number;
  rate_per_session: number | "unpaced";
  /** "spread": session i sends i/S of a second into each second; "burst": all in the same millisecond (BENCH_LOAD_PHASE). */
  arrival: LoadPhase | "unpaced";
  with_search: boolean;
  /** What the sessions asked for (sessions × rate) against what was answered. */
  offered_requests_per_second: number | null;
  requests_per_second: number;
  operations: Record<LoadOp, OpStats>;
  errors: { non_2xx: number; socket: number; timeouts: number; timeouts_by_operation: Record<LoadOp, number>; timeouts_at_s: number[]; total: number; statuses: Record<string, number> };
  /** Searches answered with stoppedBy "deadline": the server gave up on some folders (not an error, but a cut answer). */
  searches_cut_by_deadline: number;
  imap_connections: ConnectionPeaks & { pool_size: number; max_per_account_allowed: number; server_limit_per_user_ip: number | null; after_sign_out_total: number | null };
  rss_mb: { before: number; peak: number; end: number };
  /**
   * CPU the app's processes and this bench process used during the run, in cores (CPU seconds / wall
   * seconds). Node runs the app's JavaScript on one thread: near 1 core, the app is CPU-bound and every
   * request beyond what it can serve waits in its queue. machine_load_1m shows what else ran.
   */
  cpu_cores: { app: number; bench: number; machine_load_1m: number };
  /** App CPU time per answered request: the cost of one request whatever else runs on the machine. */
  app_cpu_ms_per_request: number | null;
  /** After the load, one request at a time: the app's CPU per request by route (load-cpu.ts). */
  cpu_by_route: RouteCosts;
  /** GET /api/health and a raw STATUS timed during the run (load-probe.ts): which step waits. */
  probe: ProbeResult;
  sign_in_seconds: number;
  targets: { errors: number; p95_list_open_ms: number; max_connections_per_account: number; source: "brief" };
  meets_target: LoadVerdict;
  pass: boolean;
}

/** Signs every session in through next-auth's credentials flow, a few at a time (the sign-in throttle caps one client's attempts in flight). */
async function signInAll(appUrl: string, accounts: string[], parallel: number): Promise<Client[]> {
  const clients: Client[] = new Array(accounts.length);
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const i = next++;
      const c = new Client(appUrl);
      await c.signIn({ email: accounts[i]!, password: passwordOf(accounts[i]!) });
      clients[i] = c;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return clients;
}

interface Tally {
  latencies: Record<LoadOp, number[]>;
  non2xx: Record<LoadOp, number>;
  statuses: Record<string, number>;
  socket: number;
  timeouts: number;
  /** Timeouts by the operation that was in flight (autocannon's own reqError carries no connection). */
  timeoutsByOp: Record<LoadOp, number>;
  /** When (seconds into the run) each timeout happened. */
  timeoutsAt: number[];
  startedAt: number;
}

/** One autocannon instance for a wave of sessions; resolves when its duration is over. */
function runWave(o: { appUrl: string; clients: Client[]; scripts: SessionScript[]; seconds: number; rate: number; phase: LoadPhase; tally: Tally }): Promise<autocannon.Result> {
  const byClient = new WeakMap<object, SessionScript>();
  let n = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.appUrl,
        connections: o.clients.length,
        duration: o.seconds,
        // Longer than the pool's acquire deadline (IMAP_ACQUIRE_TIMEOUT_S, 10 s), so a request that waited
        // that long shows up as the app's own answer (503) rather than as our timeout.
        timeout: 30,
        ...(o.rate > 0 ? { connectionRate: o.rate } : {}),
        // Replaced per connection in setupClient before anything is sent.
        requests: [{ method: "GET", path: "/api/health" }],
        setupClient: (client) => {
          const i = n++;
          const script = o.scripts[i]!;
          const cookie = o.clients[i]!.cookieHeader();
          byClient.set(client, script);
          if (o.rate > 0 && o.phase === "spread") shiftPacing(client, phaseOffsetMs(i, o.clients.length));
          // The typings list only some of the client's events; "timeout" is emitted per connection too.
          (client as unknown as NodeJS.EventEmitter).on("timeout", () => {
            if (script.inFlight) o.tally.timeoutsByOp[script.inFlight] += 1;
            o.tally.timeoutsAt.push(round((performance.now() - o.tally.startedAt) / 1000, 1));
          });
          client.setRequests([
            {
              method: "GET",
              setupRequest: (req) => ({ ...req, path: script.next().path, headers: { ...req.headers, cookie, accept: "application/json" } }),
              onResponse: (status, body) => script.answer(status, body),
            },
          ]);
        },
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on("response", (client, status, _bytes, ms) => {
      const op = byClient.get(client)?.inFlight;
      if (!op) return;
      if (status >= 200 && status < 300) o.tally.latencies[op].push(ms);
      else {
        o.tally.non2xx[op] += 1;
        o.tally.statuses[String(status)] = (o.tally.statuses[String(status)] ?? 0) + 1;
      }
    });
    instance.on("reqError", (err: Error) => {
      if (/timed out/.test(err.message)) o.tally.timeouts += 1;
      else o.tally.socket += 1;
    });
  });
}

export async function benchLoad(o: LoadOptions): Promise<LoadResult> {
  const assignment = spreadSessions(LOAD_ACCOUNTS, o.sessions);
  const perAccount = Object.values(sessionsPerAccount(assignment));
  const limitPerAccount = o.poolSize + 3;
  log(`load: signing in ${o.sessions} sessions over ${LOAD_ACCOUNTS.length} accounts`);
  const t0 = performance.now();
  const clients = await signInAll(o.appUrl, assignment, 4);
  const signInSeconds = round((performance.now() - t0) / 1000, 1);
  // One list per session first, so the run measures warm sessions rather than each account's first connections.
  await Promise.all(clients.map((c) => c.getText(`/api/messages?folder=${FOLDER}&limit=${LIMIT}`)));
  const before = await quietRss(o.appPid, 1_000, 100);

  const tally: Tally = {
    latencies: { list: [], page: [], open: [], body: [], search: [] },
    non2xx: { list: 0, page: 0, open: 0, body: 0, search: 0 },
    statuses: {},
    socket: 0,
    timeouts: 0,
    timeoutsByOp: { list: 0, page: 0, open: 0, body: 0, search: 0 },
    timeoutsAt: [],
    startedAt: performance.now(),
  };
  const scripts = clients.map((_, i) => new SessionScript({ folder: FOLDER, limit: LIMIT, deepEvery: 4, index: i, pick: mulberry(i + 1), search: o.search }));
  const rss = new RssSampler(o.appPid, 250);
  const probeSession = new Client(o.appUrl);
  await probeSession.signIn({ email: LOAD_ACCOUNTS[0]!, password: passwordOf(LOAD_ACCOUNTS[0]!) });
  const probe = new Probe({ appUrl: o.appUrl, imapHost: o.imapHost, imapPort: o.imapPort, intervalMs: 500, session: probeSession, listPath: `/api/messages?folder=${FOLDER}&limit=${LIMIT}` });
  await probe.start();
  const samples: (Record<string, number> | null)[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await sampleConnections(o.mailstackDir));
      await settle(1_000);
    }
  })();

  log(`load: ${o.sessions} sessions for ${o.seconds} s, ${o.rate > 0 ? `${o.rate} request(s)/s each (${o.phase})` : "unpaced"}, in ${o.waves} wave(s)`);
  rss.start();
  const cpu0 = { app: treeCpuSeconds(o.appPid), bench: process.cpuUsage() };
  const started = performance.now();
  tally.startedAt = started;
  const waves: Promise<autocannon.Result>[] = [];
  const size = Math.ceil(o.sessions / o.waves);
  for (let w = 0; w * size < o.sessions; w++) {
    const from = w * size;
    const to = Math.min(o.sessions, from + size);
    waves.push(runWave({ appUrl: o.appUrl, clients: clients.slice(from, to), scripts: scripts.slice(from, to), seconds: o.seconds, rate: o.rate, phase: o.phase, tally }));
    if (o.waves > 1) await settle(1_000 / o.waves);
  }
  await Promise.all(waves);
  const elapsed = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(cpu0.bench);
  const cpu = { app: round((treeCpuSeconds(o.appPid) - cpu0.app) / elapsed, 2), bench: round((benchCpu.user + benchCpu.system) / 1e6 / elapsed, 2), machine_load_1m: round(loadavg()[0]!, 2) };
  const rssRun = rss.stop();
  const probed = await probe.stop();
  samples.push(await sampleConnections(o.mailstackDir));
  sampling = false;
  await sampler;
  const end = await quietRss(o.appPid, 1_000, 100);
  const byRoute = await cpuByRoute({ client: probeSession, appPid: o.appPid, folder: FOLDER, limit: LIMIT, requests: 200 });
  log(`  load CPU by route (ms/request, one at a time): ${Object.entries(byRoute).map(([k, v]) => `${k} ${v.cpu_ms_per_request}`).join(", ")}`);
  await Promise.all([...clients, probeSession].map((c) => c.signOut().catch(() => undefined)));
  // The last session of an account signing out closes its pool: the connections must go, not linger.
  let afterSignOut: number | null = null;
  for (let i = 0; i < 20; i++) {
    const s = await sampleConnections(o.mailstackDir);
    afterSignOut = s === null ? null : Object.values(s).reduce((a, b) => a + b, 0);
    if (afterSignOut === null || afterSignOut === 0) break;
    await settle(250);
  }

  const operations = Object.fromEntries(LOAD_OPS.map((op) => [op, opStats(tally.latencies[op], tally.non2xx[op])])) as Record<LoadOp, OpStats>;
  const non2xx = LOAD_OPS.reduce((s, op) => s + tally.non2xx[op], 0);
  const errors = non2xx + tally.socket + tally.timeouts;
  const peaks = connectionPeaks(samples);
  const total = LOAD_OPS.reduce((s, op) => s + operations[op].requests, 0);
  const meets = verdict({ errors, ops: operations, connections: peaks, targets: { maxErrors: 0, p95ListOpenMs: 150, maxConnectionsPerAccount: limitPerAccount } });
  for (const op of LOAD_OPS) {
    const s = operations[op];
    log(`  load ${op}: ${s.requests} requests, p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms, non-2xx ${s.non_2xx}`);
  }
  log(`  load probe: /api/health p50 ${probed.health.p50_ms} ms p95 ${probed.health.p95_ms} ms; first page (fetch) p50 ${probed.list_first_page.p50_ms} ms p95 ${probed.list_first_page.p95_ms} ms; raw STATUS p50 ${probed.imap_status.p50_ms} ms p95 ${probed.imap_status.p95_ms} ms`);
  log(`  load: ${round(total / elapsed, 1)} req/s, errors ${errors}, IMAP max/account ${peaks.max_per_account} (allowed ${limitPerAccount}), RSS peak ${rssRun.peak_mb} MiB, CPU app ${cpu.app} / bench ${cpu.bench} cores (load ${cpu.machine_load_1m})`);
  return {
    description: `${o.sessions} signed-in sessions over ${LOAD_ACCOUNTS.length} accounts (t401…t420, ${LIMIT}-message pages of INBOX), each looping list (every 4th a page further down) → open + HTML body → open + HTML body${o.search ? " → search all folders" : " (no search: BENCH_LOAD_SEARCH=0)"}, for ${o.seconds} s against one app instance (autocannon; latency = request written to answer read)`,
    sessions: o.sessions,
    accounts: LOAD_ACCOUNTS.length,
    sessions_per_account: { min: Math.min(...perAccount), max: Math.max(...perAccount) },
    seconds: round(elapsed, 1),
    rate_per_session: o.rate > 0 ? o.rate : "unpaced",
    arrival: o.rate > 0 ? o.phase : "unpaced",
    with_search: o.search,
    offered_requests_per_second: o.rate > 0 ? o.sessions * o.rate : null,
    requests_per_second: round(total / elapsed, 1),
    operations,
    errors: { non_2xx: non2xx, socket: tally.socket, timeouts: tally.timeouts, timeouts_by_operation: tally.timeoutsByOp, timeouts_at_s: tally.timeoutsAt.slice(0, 50), total: errors, statuses: tally.statuses },
    searches_cut_by_deadline: scripts.reduce((s, x) => s + x.searchesCut, 0),
    imap_connections: { ...peaks, pool_size: o.poolSize, max_per_account_allowed: limitPerAccount, server_limit_per_user_ip: serverLimit(o.mailstackDir), after_sign_out_total: afterSignOut },
    rss_mb: { before: before.median_mb, peak: rssRun.peak_mb, end: end.median_mb },
    cpu_cores: cpu,
    app_cpu_ms_per_request: total > 0 ? round((cpu.app * elapsed * 1000) / total, 2) : null,
    cpu_by_route: byRoute,
    probe: probed,
    sign_in_seconds: signInSeconds,
    targets: { errors: 0, p95_list_open_ms: 150, max_connections_per_account: limitPerAccount, source: "brief" },
    meets_target: meets,
    pass: meets.all,
  };
}
