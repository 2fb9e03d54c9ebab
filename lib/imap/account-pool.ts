import "server-only";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import { connectImap, type MailCredentials } from "@/lib/imap/connect";
import { mapImapError } from "@/lib/imap/map-error";
import { logger } from "@/lib/logger";
import { BoundedSet, MAX_SESSIONS_PER_ACCOUNT } from "@/lib/mail/bounded-set";

/*
 * A small, bounded pool of logged-in IMAP connections per mail account, shared by every session of
 * that account. Servers cap connections per user and IP (Dovecot 10, Gmail 15) and every Mailroom
 * connection comes from one IP, so twenty people in one shared account queue on a few connections
 * instead of each opening their own.
 *
 * Nothing waits forever: a queued request is rejected when the server cannot be reached, when its
 * deadline passes, or when the browser that asked goes away — and a rejected request has left the
 * queue, so it never runs later (a delete the person saw fail must not happen minutes afterwards).
 */

interface Slot {
  client: ImapFlow;
  busy: boolean;
  /** Held by a streamed download (lease) or a background job: such slots never include the last one. */
  leased: boolean;
  lastUsed: number;
  /** Folders this connection has opened (newest last, bounded): reopening one is cheap, a first open is not. */
  opened: string[];
}

/** How many opened folders a connection remembers for affinity. */
const OPENED_REMEMBERED = 16;

/**
 * The idle connection for a job on `folder`: the one that has it selected, else one that opened it
 * before, else the first. A server's first SELECT of a big folder on a connection costs far more than
 * a later one (a 100,000-message Maildir folder on the test Dovecot: ~50 ms, then ~1 ms).
 */
export function pickSlot<S extends { client: { mailbox: false | { path: string } }; opened: string[] }>(idle: S[], folder?: string): S {
  if (folder !== undefined) {
    const selected = idle.find((s) => s.client.mailbox && s.client.mailbox.path === folder);
    if (selected) return selected;
    const known = idle.find((s) => s.opened.includes(folder));
    if (known) return known;
  }
  return idle[0]!;
}

/**
 * "job": a request a person waits on (list, open, flag): served first. "lease": a streamed download.
 * "background": long or repeated work (searches) that must not crowd out the rest. Leases and
 * background jobs together never hold the account's last connection.
 */
export type JobKind = "job" | "lease" | "background";

interface Waiter {
  lease: boolean;
  kind: JobKind;
  /** The folder the job works in, when it has one: it goes to a connection that opened it (pickSlot). */
  folder?: string;
  resolve: (slot: Slot) => void;
  reject: (err: unknown) => void;
  timer: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export interface PoolStats {
  open: number;
  busy: number;
  waiting: number;
  sessions: number;
}

export interface PoolOptions {
  /** How long a request may wait for a connection before MAIL_SERVER_UNAVAILABLE. */
  acquireTimeoutMs: number;
}

export const UNAVAILABLE = "The mail server is not answering right now, so nothing was changed. Try again in a minute.";
const CANCELLED = "The request was cancelled before it reached the mail server; nothing was changed.";
export class AccountPool {
  private slots: Slot[] = [];
  private connecting = 0;
  private leased = 0;
  private waiters: Waiter[] = [];
  private closed = false;
  readonly sessions: Set<string> = new BoundedSet<string>(MAX_SESSIONS_PER_ACCOUNT);

  constructor(
    readonly key: string,
    private readonly creds: MailCredentials,
    private readonly max: number,
    private readonly connect: (creds: MailCredentials) => Promise<ImapFlow> = connectImap,
    private readonly opts: PoolOptions = { acquireTimeoutMs: 10_000 },
  ) {}

  /** The account's address (the key without its secret part), for logs and presence scopes. */
  get user(): string {
    return this.key.split("#")[0]!;
  }

  /** Runs one job on a pooled connection. Idempotent jobs are retried once on a fresh connection if it dropped. */
  async run<T>(job: (client: ImapFlow) => Promise<T>, opts: { idempotent?: boolean; signal?: AbortSignal; background?: boolean; folder?: string } = {}): Promise<T> {
    const attempts = opts.idempotent === false ? 1 : 2;
    for (let attempt = 1; ; attempt++) {
      const slot = await this.acquire(opts.background ? "background" : "job", opts.signal, opts.folder);
      try {
        return await job(slot.client);
      } catch (err) {
        const dropped = !slot.client.usable;
        if (dropped && attempt < attempts && !opts.signal?.aborted) {
          logger.info("imap connection dropped, retrying on a fresh one", { account: this.user });
          continue;
        }
        throw mapImapError(err);
      } finally {
        this.release(slot);
      }
    }
  }

  /**
   * Leases a connection for work that outlives one call (a streamed download). Call release() exactly
   * once. Leases never take the account's last connection, so slow downloads cannot starve the rest.
   */
  async lease(signal?: AbortSignal): Promise<{ client: ImapFlow; release: () => void }> {
    const slot = await this.acquire("lease", signal);
    let released = false;
    return {
      client: slot.client,
      release: () => {
        if (released) return;
        released = true;
        this.release(slot);
      },
    };
  }

  /** Adds an already logged-in connection (the one sign-in opened) so the first request is warm. */
  adopt(client: ImapFlow): void {
    if (this.closed || this.slots.length + this.connecting >= this.max) {
      void client.logout().catch(() => {});
      return;
    }
    this.add(client);
  }

  stats(): PoolStats {
    return {
      open: this.slots.length,
      busy: this.slots.filter((s) => s.busy).length,
      waiting: this.waiters.length,
      sessions: this.sessions.size,
    };
  }

  /** Work running, queued or connecting: such a pool is never evicted. */
  get inUse(): boolean {
    return this.connecting > 0 || this.waiters.length > 0 || this.slots.some((s) => s.busy);
  }

  /** Closes connections unused for longer than maxIdleMs. */
  reap(maxIdleMs: number, now = Date.now()): void {
    for (const slot of [...this.slots]) {
      if (!slot.busy && now - slot.lastUsed > maxIdleMs) this.drop(slot, true);
    }
  }

  /** Rejects everything queued and logs every connection out (LOGOUT, so the server frees it at once). */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) this.settle(w, mapImapError({ code: "NoConnection" }));
    await Promise.all(this.slots.splice(0).map((s) => s.client.logout().catch(() => s.client.close())));
  }

  get isEmpty(): boolean {
    return this.slots.length === 0 && this.connecting === 0 && this.waiters.length === 0;
  }

  private acquire(kind: JobKind, signal?: AbortSignal, folder?: string): Promise<Slot> {
    if (this.closed) return Promise.reject(mapImapError({ code: "NoConnection" }));
    if (signal?.aborted) return Promise.reject(new MailroomError("REQUEST_CANCELLED", CANCELLED));
    return new Promise<Slot>((resolve, reject) => {
      const w: Waiter = { lease: kind !== "job", kind, folder, resolve, reject, signal, timer: setTimeout(() => this.settle(w, new MailroomError("MAIL_SERVER_UNAVAILABLE", UNAVAILABLE)), this.opts.acquireTimeoutMs) };
      if (signal) {
        w.onAbort = () => this.settle(w, new MailroomError("REQUEST_CANCELLED", CANCELLED));
        signal.addEventListener("abort", w.onAbort, { once: true });
      }
      this.waiters.push(w);
      this.pump();
    });
  }

  /** Takes a waiter out of the queue for good: it gets its connection, or it fails and never runs. */
  private settle(w: Waiter, result: Slot | unknown, ok = false): void {
    const i = this.waiters.indexOf(w);
    if (i >= 0) this.waiters.splice(i, 1);
    clearTimeout(w.timer);
    if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
    if (ok) w.resolve(result as Slot);
    else w.reject(result);
  }

  private leaseCap(): number {
    return this.max > 1 ? this.max - 1 : 1;
  }

  /**
   * A request a person waits on goes before queued searches and downloads: under load (ten sessions on
   * one account) an open must not wait behind every folder of several all-folder searches.
   */
  private nextWaiter(): Waiter | undefined {
    return this.waiters.find((w) => !w.lease) ?? (this.leased < this.leaseCap() ? this.waiters[0] : undefined);
  }

  /** Hands idle connections to the queue in order, and opens new ones while the queue needs them. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of [...this.slots]) if (!slot.busy && !slot.client.usable) this.drop(slot, false);
    for (;;) {
      const idle = this.slots.filter((s) => !s.busy);
      if (idle.length === 0) break;
      const w = this.nextWaiter();
      if (!w) break;
      const slot = pickSlot(idle, w.folder);
      slot.busy = true;
      slot.leased = w.lease;
      if (w.lease) this.leased++;
      this.settle(w, slot, true);
    }
    const wanted = this.waiters.filter((w) => !w.lease || this.leased < this.leaseCap()).length;
    while (this.slots.length + this.connecting < this.max && wanted > this.connecting) this.grow();
  }

  private grow(): void {
    this.connecting++;
    this.connect(this.creds).then(
      (client) => {
        this.connecting--;
        if (this.closed) void client.logout().catch(() => client.close());
        else this.add(client);
      },
      (err: unknown) => {
        this.connecting--;
        // The server is down, restarting or refusing this login: with no connection left to wait
        // for, every queued request fails now instead of running whenever the server comes back.
        if (this.slots.length === 0 && this.connecting === 0) {
          const mapped = mapImapError(err);
          for (const w of [...this.waiters]) this.settle(w, mapped);
        }
      },
    );
  }

  private add(client: ImapFlow): void {
    const slot: Slot = { client, busy: false, leased: false, lastUsed: Date.now(), opened: [] };
    slot.client.on("close", () => {
      if (!slot.busy) this.drop(slot, false);
    });
    slot.client.on("mailboxOpen", (box: { path?: string } | undefined) => {
      if (!box?.path) return;
      slot.opened = [...slot.opened.filter((p) => p !== box.path), box.path].slice(-OPENED_REMEMBERED);
    });
    this.slots.push(slot);
    this.pump();
  }

  private release(slot: Slot): void {
    slot.lastUsed = Date.now();
    slot.busy = false;
    if (slot.leased) this.leased--;
    slot.leased = false;
    if (this.slots.includes(slot) && !slot.client.usable) this.drop(slot, false);
    this.pump();
  }

  private drop(slot: Slot, logout: boolean): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (logout) void slot.client.logout().catch(() => slot.client.close());
    else slot.client.close();
  }
}
