/**
 * Section "imap_connections": how many IMAP connections one account holds when M people use it through
 * N app instances. Each person signs in on instance (i mod N), loads INBOX's list and follows INBOX
 * and Sent over SSE, as an open mail page does. Counted on Dovecot's side (doveadm who), twice: after
 * the lists loaded (the request pools) and after the streams are live (pools + IDLE watchers).
 *
 * The expectation (issue 11 point 11): with the people on min(N, M) instances, watchers = min(N, M) × F
 * (F = folders followed, at most 3 per account and instance) and pool connections ≤ min(N, M) ×
 * IMAP_POOL_SIZE; so the account holds at most min(N, M) × (IMAP_POOL_SIZE + min(F, 3)) connections —
 * it grows with instances, never with people.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Client, type Credentials } from "./http";
import { EventStream, imapSessions } from "./realtime";
import { log } from "./stack";
import { round } from "./stats";

const FOLDERS = ["INBOX", "Sent"];
/** lib/realtime/mailbox-watcher.ts: watched mailboxes per account and instance. */
const WATCHERS_PER_ACCOUNT = 3;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ConnectionCase {
  instances: number;
  people: number;
  folders: number;
  /** Sessions of the account open before the case (not the app's; subtracted from the counts below). */
  baseline: number;
  /** IMAP sessions of the account on Dovecot with every list loaded, before any stream. */
  pool: number | null;
  /** The same with every person following the folders live. */
  total: number | null;
  watchers: number | null;
  expected_watchers: number;
  max_total: number;
  pass: boolean;
}

export interface ConnectionsResult {
  description: string;
  formula: string;
  user: string;
  pool_size: number;
  /**
   * The server's cap on one user's connections from one address (Dovecot's mail_max_userip_connections,
   * 10 by default): every instance connects from its own address in production, but behind one NAT or
   * on one host (here) they share it, so N × (IMAP_POOL_SIZE + 3) must stay under it.
   */
  server_limit_per_user_ip: number | null;
  cases: ConnectionCase[];
  seconds: number;
  pass: boolean;
}

/** Dovecot's mail_max_userip_connections on the bench stack: the ceiling every instance's connections share. */
function serverLimit(mailstackDir: string): number | null {
  try {
    const m = /mail_max_userip_connections\s*=\s*(\d+)/.exec(readFileSync(`${mailstackDir}/dovecot/dovecot.conf`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Polls doveadm until the account holds at most `n` IMAP sessions (deadline: the watchers' grace period and pool close). */
async function waitForSessions(mailstackDir: string, user: string, n: number, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let last = imapSessions(mailstackDir, user);
  while (last !== null && last > n && Date.now() < deadline) {
    await settle(250);
    last = imapSessions(mailstackDir, user);
  }
  return last;
}

async function runCase(o: { urls: string[]; creds: Credentials; mailstackDir: string; people: number; poolSize: number }): Promise<ConnectionCase> {
  const n = o.urls.length;
  const clients: Client[] = [];
  const streams: EventStream[] = [];
  const user = o.creds.email;
  // Sessions someone else holds (another client of the same account) are not the app's.
  const baseline = imapSessions(o.mailstackDir, user) ?? 0;
  const count = () => {
    const v = imapSessions(o.mailstackDir, user);
    return v === null ? null : v - baseline;
  };
  try {
    for (let i = 0; i < o.people; i++) {
      const c = new Client(o.urls[i % n]!);
      await c.signIn(o.creds);
      clients.push(c);
    }
    await Promise.all(clients.map((c) => c.getText("/api/messages?folder=INBOX&limit=50")));
    await settle(500);
    const pool = count();
    for (const c of clients) {
      for (const folder of FOLDERS) {
        const s = new EventStream(c, `/api/events?folder=${encodeURIComponent(folder)}`);
        const ready = s.waitFor((e) => e.type === "synced", 15_000);
        await s.open();
        if ((await ready) === null) throw new Error(`an SSE stream on ${folder} got no 'synced' within 15 s`);
        streams.push(s);
      }
    }
    await settle(500);
    const total = count();
    const watchers = total !== null && pool !== null ? total - pool : null;
    // Person i signs in on instance i mod N: fewer people than instances leave some instances unused.
    const used = Math.min(n, o.people);
    const expected = used * Math.min(FOLDERS.length, WATCHERS_PER_ACCOUNT);
    const max = used * (o.poolSize + Math.min(FOLDERS.length, WATCHERS_PER_ACCOUNT));
    const pass = total !== null && watchers === expected && total <= max;
    log(`  imap connections: ${n} instance(s), ${o.people} people, ${FOLDERS.length} folders → ${total} (pool ${pool}, watchers ${watchers}; expected watchers ${expected}, at most ${max})`);
    return { instances: n, people: o.people, folders: FOLDERS.length, baseline, pool, total, watchers, expected_watchers: expected, max_total: max, pass };
  } finally {
    for (const s of streams) s.close();
    await Promise.all(clients.map((c) => c.signOut().catch(() => {})));
  }
}

/** urls: the instances (all of the same build, same secret and data dir); cases use the first 1…N of them. */
export async function benchImapConnections(o: { urls: string[]; creds: Credentials; mailstackDir: string; people: number[]; poolSize: number }): Promise<ConnectionsResult> {
  const started = performance.now();
  const user = o.creds.email;
  const cases: ConnectionCase[] = [];
  for (let n = 1; n <= o.urls.length; n++) {
    for (const people of o.people) {
      // Start from nothing: the previous case's watchers leave after their grace period, pools on sign-out.
      const left = await waitForSessions(o.mailstackDir, user, 0, 20_000);
      if (left !== 0) log(`  note: ${left} IMAP session(s) of ${user} open before the case (not counted)`);
      cases.push(await runCase({ urls: o.urls.slice(0, n), creds: o.creds, mailstackDir: o.mailstackDir, people, poolSize: o.poolSize }));
    }
  }
  return {
    description: `IMAP sessions of one account on Dovecot (doveadm who) with M people spread over N instances, each loading INBOX and following ${FOLDERS.join(" and ")} live`,
    formula:
      "connections(N, M) = min(N, M) × (pool + min(F, 3)) ≤ min(N, M) × (IMAP_POOL_SIZE + 3): per instance the people are on, one pool (pool ≤ IMAP_POOL_SIZE, as many as requests ran at once) and one IDLE watcher per followed folder (F, at most 3); it never grows with M past N",
    user,
    pool_size: o.poolSize,
    server_limit_per_user_ip: serverLimit(o.mailstackDir),
    cases,
    seconds: round((performance.now() - started) / 1000, 1),
    pass: cases.length > 0 && cases.every((c) => c.pass),
  };
}
