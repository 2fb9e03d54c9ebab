/**
 * Section "realtime": twenty browser sessions of one account follow INBOX over SSE (/api/events) while
 * an outside IMAP client makes 200 changes (flag set / unset, every tenth an append). Measures the
 * time from the start of each change command to its event on the SSE streams, the same for a raw
 * imapflow IDLE connection seeing the same change, and how many IMAP connections the app holds for
 * the account (target: one watcher for all twenty sessions).
 */
import { execFileSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import type { ImapFlow } from "imapflow";
import { Client, type Credentials } from "./http";
import { closeRaw, connectRaw, type ImapTarget } from "./imap";
import { log } from "./stack";
import { ratio, summarize, type Stats } from "./stats";
import type { Target } from "./warm-requests";

interface LiveEvent {
  type: string;
  uid?: number;
  flags?: string[];
  count?: number;
}

/** One SSE stream read with fetch: parses "event: change" blocks and emits their JSON with arrival time. */
export class EventStream extends EventEmitter {
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly path: string,
  ) {
    super();
    this.setMaxListeners(0);
  }

  async open(): Promise<void> {
    const res = await this.client.request(this.path, { signal: this.abort.signal, headers: { accept: "text/event-stream" } });
    if (res.status !== 200 || !res.body) throw new Error(`GET ${this.path}: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buf = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const at = performance.now();
          buf += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
            if (!data || !/^event: change$/m.test(block)) continue;
            try {
              this.emit("event", JSON.parse(data) as LiveEvent, at);
            } catch {
              // not JSON: ignore
            }
          }
        }
      } catch {
        // aborted
      }
      if (!this.closed) this.emit("end");
    })();
  }

  /** Resolves with the arrival time of the first event matching pred (null after timeoutMs). */
  waitFor(pred: (e: LiveEvent) => boolean, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
      const onEvent = (e: LiveEvent, at: number) => {
        if (!pred(e)) return;
        done(at);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      const done = (at: number | null) => {
        clearTimeout(timer);
        this.off("event", onEvent);
        resolve(at);
      };
      this.on("event", onEvent);
    });
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
  }
}

/** IMAP sessions of the user on the bench Dovecot (doveadm who), or null where doveadm cannot tell. */
export function imapSessions(mailstackDir: string, user: string): number | null {
  try {
    const env = { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` };
    const out = execFileSync("doveadm", ["-c", `${mailstackDir}/dovecot/dovecot.conf`, "who", "-1"], { encoding: "utf8", env });
    return out.split("\n").filter((l) => l.startsWith(`${user} `) && /\bimap\b/.test(l)).length;
  } catch {
    return null;
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ensureInbox(client: ImapFlow, user: string, min: number): Promise<number> {
  const st = await client.status("INBOX", { messages: true });
  for (let i = (st && st.messages) || 0; i < min; i++) {
    await client.append("INBOX", `From: bench@example.test\r\nTo: ${user}\r\nSubject: realtime seed ${i}\r\nMessage-ID: <rt-seed-${i}@bench>\r\n\r\nhello\r\n`, ["\\Seen"]);
  }
  const lock = await client.getMailboxLock("INBOX");
  try {
    const last = await client.fetchOne("*", { uid: true });
    if (!last) throw new Error("INBOX is empty");
    return last.uid;
  } finally {
    lock.release();
  }
}

export interface RealtimeResult {
  description: string;
  sessions: number;
  changes: number;
  imap_connections: { total: number | null; pool: number | null; watchers: number | null };
  /** Change command start → event on the first SSE stream. */
  app: Stats;
  /** Change command start → event on the last of the twenty streams. */
  app_all_streams: Stats;
  /** Change command start → the same change seen by a raw imapflow IDLE connection. */
  raw: Stats;
  ratio: number;
  delivered_to_all_streams: number;
  missed: number;
  targets: Record<string, Target>;
  pass: boolean;
}

export async function benchRealtime(o: { appUrl: string; imap: ImapTarget; mailstackDir: string; sessions: number; changes: number }): Promise<RealtimeResult> {
  log(`realtime: ${o.sessions} sessions of ${o.imap.user} follow INBOX over SSE; ${o.changes} changes by an outside IMAP client`);
  const creds: Credentials = { email: o.imap.user, password: o.imap.password };
  const changer = await connectRaw(o.imap);
  const watcherRaw = await connectRaw(o.imap);
  const clients: Client[] = [];
  const streams: EventStream[] = [];
  try {
    const uid = await ensureInbox(changer, o.imap.user, 20);
    for (let i = 0; i < o.sessions; i++) {
      const c = new Client(o.appUrl);
      await c.signIn(creds);
      clients.push(c);
    }
    await settle(500);
    const beforeStreams = imapSessions(o.mailstackDir, o.imap.user);
    for (const c of clients) {
      const s = new EventStream(c, "/api/events?folder=INBOX");
      const ready = s.waitFor((e) => e.type === "synced", 15_000);
      await s.open();
      if ((await ready) === null) throw new Error("an SSE stream got no 'synced' within 15 s");
      streams.push(s);
    }
    await settle(500);
    const total = imapSessions(o.mailstackDir, o.imap.user);
    // The bench's own two raw connections are sessions of the same user.
    const appTotal = total === null ? null : total - 2;
    const pool = beforeStreams === null ? null : beforeStreams - 2;
    const watchers = appTotal !== null && pool !== null ? appTotal - pool : null;
    log(`  IMAP sessions held by the app: ${appTotal} (pool ${pool}, watchers ${watchers}) for ${o.sessions} sessions`);

    // The raw side: an IDLE connection on INBOX, like the app's watcher (EXAMINE, IDLE at once).
    const rawEvents = new EventEmitter();
    rawEvents.setMaxListeners(0);
    watcherRaw.on("flags", (e) => rawEvents.emit("event", { type: "flags", uid: e.uid, flags: [...e.flags] }, performance.now()));
    watcherRaw.on("exists", (e) => rawEvents.emit("event", { type: "exists", count: e.count }, performance.now()));
    Object.assign(watcherRaw, { autoIdleDelay: 100 });
    await watcherRaw.mailboxOpen("INBOX", { readOnly: true });
    const rawWait = (pred: (e: LiveEvent) => boolean, timeoutMs: number) =>
      new Promise<number | null>((resolve) => {
        const on = (e: LiveEvent, at: number) => pred(e) && done(at);
        const timer = setTimeout(() => done(null), timeoutMs);
        const done = (at: number | null) => {
          clearTimeout(timer);
          rawEvents.off("event", on);
          resolve(at);
        };
        rawEvents.on("event", on);
      });
    await settle(300);

    const first: number[] = [];
    const all: number[] = [];
    const raw: number[] = [];
    let deliveredAll = 0;
    let missed = 0;
    let flagged = false;
    await changer.mailboxOpen("INBOX");
    for (let i = 0; i < o.changes; i++) {
      const append = i % 10 === 9;
      let pred: (e: LiveEvent) => boolean;
      if (append) {
        const next = ((changer.mailbox && changer.mailbox.exists) || 0) + 1;
        pred = (e) => (e.type === "exists" || e.type === "new") && (e.count ?? 0) >= next;
      } else {
        flagged = !flagged;
        const want = flagged;
        pred = (e) => e.type === "flags" && e.uid === uid && (e.flags ?? []).includes("\\Flagged") === want;
      }
      const waits = streams.map((s) => s.waitFor(pred, 5_000));
      const rawAt = rawWait(pred, 5_000);
      const t0 = performance.now();
      if (append) await changer.append("INBOX", `From: bench@example.test\r\nTo: ${o.imap.user}\r\nSubject: realtime change ${i}\r\n\r\nchange\r\n`, ["\\Seen"]);
      else if (flagged) await changer.messageFlagsAdd(String(uid), ["\\Flagged"], { uid: true });
      else await changer.messageFlagsRemove(String(uid), ["\\Flagged"], { uid: true });
      const arrivals = await Promise.all(waits);
      const r = await rawAt;
      if (arrivals[0] === null || r === null) {
        missed++;
        continue;
      }
      first.push(arrivals[0] - t0);
      raw.push(r - t0);
      if (arrivals.every((a) => a !== null)) {
        deliveredAll++;
        all.push(Math.max(...(arrivals as number[])) - t0);
      }
    }
    const app = summarize(first);
    const rawStats = summarize(raw);
    const p95Target: Target = { max: 1000, source: "brief" };
    const watcherTarget: Target = { max: 1, source: "brief" };
    return {
      description:
        `${o.sessions} signed-in sessions of one account each hold GET /api/events?folder=INBOX open; an outside imapflow client makes ${o.changes} changes ` +
        "(toggle \\Flagged on one message, every tenth change an APPEND). Latency: from the start of the change command to the event on the SSE stream " +
        "(app: first stream; app_all_streams: the last of them), raw: the same change seen by an imapflow IDLE connection. " +
        "imap_connections from `doveadm who` (pool: before the streams opened; watchers: what the streams added).",
      sessions: o.sessions,
      changes: o.changes,
      imap_connections: { total: appTotal, pool, watchers },
      app,
      app_all_streams: all.length ? summarize(all) : app,
      raw: rawStats,
      ratio: ratio(app.median_ms, rawStats.median_ms),
      delivered_to_all_streams: deliveredAll,
      missed,
      targets: { p95_ms: p95Target, watchers: watcherTarget },
      pass: missed === 0 && deliveredAll === o.changes && app.p95_ms <= p95Target.max && watchers !== null && watchers <= watcherTarget.max,
    };
  } finally {
    for (const s of streams) s.close();
    await Promise.all(clients.map((c) => c.signOut().catch(() => {})));
    await closeRaw(changer);
    await closeRaw(watcherRaw);
  }
}
