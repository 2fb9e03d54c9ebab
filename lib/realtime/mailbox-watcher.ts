import "server-only";
import { connectImap, type MailCredentials } from "@/lib/imap/connect";
import { accountKey } from "@/lib/imap/pool";
import { hub, mailboxTopic, type Hub, type MailboxEvent, type Unsubscribe } from "@/lib/realtime/hub";
import { logger } from "@/lib/logger";
import { planWatcherCatchUp, stateOf, tokenOf, type MailboxState, type OpenedMailbox, type PlannedEvent, type SeenChange } from "@/lib/realtime/catch-up";

/*
 * One IMAP IDLE watcher per (account, mailbox), shared by every browser showing that mailbox. Each
 * watcher holds its own connection (not a pool slot: pool slots are for request work and a watcher
 * never gives its connection back) with the mailbox EXAMINEd; imapflow IDLEs on it by itself and
 * turns the server's untagged EXISTS / EXPUNGE / VANISHED / FETCH into events we publish to the hub.
 * It remembers UIDVALIDITY and HIGHESTMODSEQ, so after a drop it reopens with QRESYNC and tells its
 * subscribers exactly what changed meanwhile; only a new UIDVALIDITY (or a server without
 * CONDSTORE/QRESYNC) makes it ask them to reload.
 */

/** What a watcher needs of an imapflow connection: structural, so imapflow stays under lib/imap/. */
export interface WatchConnection {
  usable: boolean;
  on(event: "exists", fn: (e: { path: string; count: number }) => void): unknown;
  on(event: "expunge", fn: (e: { path: string; seq?: number; uid?: number; vanished: boolean }) => void): unknown;
  on(event: "flags", fn: (e: { path: string; seq: number; uid?: number; flags: Set<string>; modseq?: bigint }) => void): unknown;
  on(event: "close", fn: () => void): unknown;
  mailboxOpen(path: string, opts?: { readOnly?: boolean; uidValidity?: bigint; changedSince?: bigint }): Promise<unknown>;
  logout(): Promise<unknown>;
  close(): void;
}

export type ConnectWatcher = (creds: MailCredentials) => Promise<WatchConnection>;

export interface WatcherOptions {
  /** Keep a watcher this long after its last subscriber left, so a page reload does not churn logins. */
  graceMs: number;
  /** Watched mailboxes per account. Dovecot allows 10 connections per user and IP; the pool takes up to 3. */
  maxPerAccount: number;
  backoffMinMs: number;
  backoffMaxMs: number;
}

const DEFAULTS: WatcherOptions = { graceMs: 5_000, maxPerAccount: 3, backoffMinMs: 1_000, backoffMaxMs: 30_000 };

// connectImap is tuned for request work (IDLE after 15 s of quiet). A watcher wants IDLE at once,
// and renewed every minute: Dovecot and middleboxes drop IDLE sessions that stay silent too long.
export const WATCH_IDLE_DELAY_MS = 100;
const WATCH_MAX_IDLE_MS = 60_000;

export const connectWatcher: ConnectWatcher = async (creds) => {
  const client = await connectImap(creds);
  // Both are read when IDLE is (re)started, so setting them before the mailbox is opened is enough.
  Object.assign(client, { autoIdleDelay: WATCH_IDLE_DELAY_MS, maxIdleTime: WATCH_MAX_IDLE_MS });
  return client;
};

type State = "running" | "parked" | "stopped";

class MailboxWatcher {
  subscribers = 0;
  lastSubscribed = 0;
  state: State = "parked";
  private conn: WatchConnection | null = null;
  /** UIDVALIDITY, HIGHESTMODSEQ (lower bound) and UIDNEXT as last seen; survives reconnects. */
  private known: MailboxState | null = null;
  /** Connected with the mailbox open: a subscriber can catch up from its own resume point now. */
  ready = false;
  private attempt = 0;
  /**
   * Bumped by every start and halt: an open() that began before the latest one gives its connection
   * back instead of keeping it. Without this, a mailbox parked and watched again while its first login
   * was still in flight ended up holding two IDLE connections, one of them orphaned for good.
   */
  private epoch = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  graceTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly account: string,
    readonly folder: string,
    readonly topic: string,
    private readonly creds: MailCredentials,
    private readonly hub: Hub<MailboxEvent>,
    private readonly connect: ConnectWatcher,
    private readonly opts: WatcherOptions,
  ) {}

  start(): void {
    if (this.state === "running") return;
    this.state = "running";
    void this.open(++this.epoch);
  }

  /** Closes the connection; "parked" keeps the subscribers (they are told), "stopped" is the end. */
  halt(next: "parked" | "stopped"): void {
    this.state = next;
    this.epoch++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const conn = this.conn;
    this.conn = null;
    this.ready = false;
    if (conn) void conn.logout().catch(() => conn.close());
  }

  get connected(): boolean {
    return this.conn !== null;
  }

  get token(): string | undefined {
    return tokenOf(this.known);
  }

  private emit(event: PlannedEvent): void {
    this.hub.publish(this.topic, { ...event, folder: this.folder });
  }

  /** A live change: advance what we know, and stamp the event with the resume point after it. */
  private live(event: PlannedEvent, modseq?: bigint): void {
    const k = this.known;
    if (k && k.modseq !== null && modseq !== undefined && modseq > k.modseq) k.modseq = modseq;
    if (k && event.type === "flags" && event.uid !== undefined && event.uid >= k.uidNext) k.uidNext = event.uid + 1;
    this.emit({ ...event, token: tokenOf(k) });
  }

  private async open(epoch: number): Promise<void> {
    let conn: WatchConnection | null = null;
    try {
      conn = await this.connect(this.creds);
      if (this.state !== "running" || epoch !== this.epoch) {
        void conn.logout().catch(() => conn?.close());
        return;
      }
      const mine = conn;
      const here = (path: string) => path === this.folder && this.conn === mine;
      // While EXAMINE (QRESYNC) runs, the server reports what changed since we left: collect it and
      // decide once the mailbox is open whether it is a precise catch-up or a reload.
      let opening: SeenChange[] | null = [];
      conn.on("exists", (e) => here(e.path) && !opening && this.live({ type: "exists", count: e.count }));
      conn.on("expunge", (e) => {
        if (!here(e.path)) return;
        if (opening) opening.push({ kind: "expunge", uid: e.uid, seq: e.vanished ? undefined : e.seq });
        else this.live({ type: "expunge", uid: e.uid, seq: e.vanished ? undefined : e.seq });
      });
      conn.on("flags", (e) => {
        if (!here(e.path)) return;
        if (opening) opening.push({ kind: "flags", uid: e.uid, seq: e.seq, flags: [...e.flags], modseq: e.modseq });
        else this.live({ type: "flags", uid: e.uid, seq: e.seq, flags: [...e.flags] }, e.modseq);
      });
      conn.on("close", () => this.onClose(mine));
      this.conn = conn;
      const prev = this.known;
      // EXAMINE: the watcher only listens, it must never change \Seen or \Recent.
      const resume = prev && prev.modseq !== null ? { uidValidity: prev.uidValidity, changedSince: prev.modseq } : {};
      const box = ((await conn.mailboxOpen(this.folder, { readOnly: true, ...resume })) ?? {}) as OpenedMailbox;
      if (this.conn !== conn) return;
      const seen = opening;
      opening = null;
      this.attempt = 0;
      this.known = stateOf(box);
      this.ready = true;
      for (const event of planWatcherCatchUp(prev, box, seen)) this.emit(event);
      // Subscribers that joined with a resume point of their own catch up from it on this signal.
      this.emit({ type: "synced", token: tokenOf(this.known) });
    } catch (err) {
      logger.warn("mailbox watcher could not open", { folder: this.folder, error: err instanceof Error ? err.message : String(err) });
      if (conn && this.conn === conn) this.conn = null;
      conn?.close();
      this.scheduleRetry();
    }
  }

  private onClose(conn: WatchConnection): void {
    if (this.conn !== conn) return; // we closed it, or an older one
    this.conn = null;
    this.ready = false;
    logger.info("mailbox watcher connection closed, reconnecting", { folder: this.folder });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.state !== "running" || this.retryTimer) return;
    const base = Math.min(this.opts.backoffMaxMs, this.opts.backoffMinMs * 2 ** this.attempt++);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5)); // jitter: not every watcher at once
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.state === "running") void this.open(this.epoch);
    }, delay);
    this.retryTimer.unref?.();
  }
}

export interface WatcherStats {
  folder: string;
  account: string;
  state: State;
  connected: boolean;
  subscribers: number;
  /** The resume point the watcher has reached ("uidvalidity:modseq"). */
  token?: string;
}

/**
 * The registry hands out references to watchers. Over the per-account cap, the least recently
 * subscribed watcher (idle ones in their grace period first) is parked: its connection closes and its
 * subscribers get { type: "unwatched" } and fall back to polling; when a slot frees up, the most
 * recently subscribed parked mailbox is watched again and its subscribers get { type: "resync" }.
 */
export class WatcherRegistry {
  private readonly watchers = new Map<string, MailboxWatcher>();
  private readonly opts: WatcherOptions;

  constructor(
    private readonly hub: Hub<MailboxEvent>,
    private readonly connect: ConnectWatcher = connectWatcher,
    opts: Partial<WatcherOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Keeps the mailbox watched until the returned function is called (once per retain). */
  retain(creds: MailCredentials, folder: string): () => void {
    const account = accountKey(creds);
    const topic = mailboxTopic(account, folder);
    let w = this.watchers.get(topic);
    if (!w) {
      w = new MailboxWatcher(account, folder, topic, creds, this.hub, this.connect, this.opts);
      this.watchers.set(topic, w);
    }
    const watcher = w;
    watcher.subscribers++;
    watcher.lastSubscribed = Date.now();
    if (watcher.graceTimer) clearTimeout(watcher.graceTimer);
    watcher.graceTimer = null;
    if (watcher.state !== "running") {
      this.makeRoom(account, watcher);
      watcher.start();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      watcher.subscribers--;
      if (watcher.subscribers > 0) return;
      watcher.graceTimer = setTimeout(() => this.remove(watcher), this.opts.graceMs);
      watcher.graceTimer.unref?.();
    };
  }

  /** The mailbox's watcher is connected with the mailbox open (its "synced" was published). */
  isReady(creds: MailCredentials, folder: string): boolean {
    return this.watchers.get(mailboxTopic(accountKey(creds), folder))?.ready ?? false;
  }

  /** The resume point the mailbox's watcher has reached, if it is watched. */
  tokenOf(creds: MailCredentials, folder: string): string | undefined {
    return this.watchers.get(mailboxTopic(accountKey(creds), folder))?.token;
  }

  stats(): WatcherStats[] {
    return [...this.watchers.values()].map((w) => ({
      folder: w.folder,
      account: w.account.split("#")[0]!,
      state: w.state,
      connected: w.connected,
      subscribers: w.subscribers,
      token: w.token,
    }));
  }

  /** Closes every watcher (tests, shutdown). */
  closeAll(): void {
    for (const w of this.watchers.values()) {
      if (w.graceTimer) clearTimeout(w.graceTimer);
      w.halt("stopped");
    }
    this.watchers.clear();
  }

  private running(account: string): MailboxWatcher[] {
    return [...this.watchers.values()].filter((w) => w.account === account && w.state === "running");
  }

  private makeRoom(account: string, keep: MailboxWatcher): void {
    const others = this.running(account).filter((w) => w !== keep);
    while (others.length >= this.opts.maxPerAccount) {
      others.sort((a, b) => Number(a.subscribers > 0) - Number(b.subscribers > 0) || a.lastSubscribed - b.lastSubscribed);
      const victim = others.shift()!;
      if (victim.subscribers === 0) {
        this.remove(victim, false);
        continue;
      }
      victim.halt("parked");
      this.hub.publish(victim.topic, { type: "unwatched", folder: victim.folder });
    }
  }

  private remove(w: MailboxWatcher, unpark = true): void {
    if (w.graceTimer) clearTimeout(w.graceTimer);
    w.graceTimer = null;
    w.halt("stopped");
    if (this.watchers.get(w.topic) === w) this.watchers.delete(w.topic);
    if (!unpark) return;
    const parked = [...this.watchers.values()]
      .filter((p) => p.account === w.account && p.state === "parked" && p.subscribers > 0)
      .sort((a, b) => b.lastSubscribed - a.lastSubscribed)[0];
    if (parked && this.running(w.account).length < this.opts.maxPerAccount) parked.start();
  }
}

// On globalThis so that dev hot-reload does not leak watcher connections.
export function watcherRegistry(): WatcherRegistry {
  const g = globalThis as Record<string, unknown>;
  return (g.__mailroomWatchers ??= new WatcherRegistry(hub())) as WatcherRegistry;
}

/**
 * Delivers a mailbox's change events to fn while it is subscribed; the first subscriber starts the
 * shared watcher, the last one leaving stops it after the grace period.
 */
export function watchMailbox(creds: MailCredentials, folder: string, fn: (event: MailboxEvent) => void): Unsubscribe {
  // Subscribe before retaining, so the watcher's first "synced" already reaches fn.
  const unsubscribe = hub().subscribe(mailboxTopic(accountKey(creds), folder), fn);
  const release = watcherRegistry().retain(creds, folder);
  return () => {
    unsubscribe();
    release();
  };
}
