/**
 * Where the load section's time goes, seen from outside the app: while the sessions run, one probe
 * every half second times
 *  - GET /api/health: an HTTP hop through Next.js with no session and no IMAP. Slow here = the app's
 *    one JavaScript thread is busy (CPU), so every request waits before its handler even starts.
 *  - GET /api/messages (first page of INBOX) with fetch, as one more session of a load account: the
 *    same request as the sessions' "list", timed by a second client beside autocannon's.
 *  - STATUS INBOX on its own imapflow connection to the same Dovecot, as an account outside the load
 *    (so it holds no pool slot and is not counted): slow here = the mail server or the machine.
 * A list or open far slower than both waited for something in between: the account's IMAP pool.
 * The probe is a diagnostic beside autocannon, not a load generator: one request at a time.
 */
import type { ImapFlow } from "imapflow";
import { performance } from "node:perf_hooks";
import { passwordOf } from "./config";
import type { Client } from "./http";
import { closeRaw, connectRaw } from "./imap";
import { opStats, type OpStats } from "./load-plan";

export const PROBE_ACCOUNT = "t400@example.test";

export interface ProbeResult {
  interval_ms: number;
  health: OpStats & { failed: number };
  list_first_page: OpStats & { failed: number };
  imap_status: OpStats & { failed: number };
}

export class Probe {
  private readonly health: number[] = [];
  private readonly imap: number[] = [];
  private readonly list: number[] = [];
  private failed = { health: 0, imap: 0, list: 0 };
  private running = false;
  private loop: Promise<void> | null = null;
  private raw: ImapFlow | null = null;

  constructor(
    private readonly o: { appUrl: string; imapHost: string; imapPort: number; intervalMs: number; session: Client; listPath: string },
  ) {}

  async start(): Promise<void> {
    this.raw = await connectRaw({ host: this.o.imapHost, port: this.o.imapPort, user: PROBE_ACCOUNT, password: passwordOf(PROBE_ACCOUNT) });
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${this.o.appUrl}/api/health`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.ok) this.health.push(performance.now() - t0);
        else this.failed.health += 1;
      } catch {
        this.failed.health += 1;
      }
      const tl = performance.now();
      try {
        const res = await this.o.session.request(this.o.listPath, { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (res.ok) this.list.push(performance.now() - tl);
        else this.failed.list += 1;
      } catch {
        this.failed.list += 1;
      }
      const t1 = performance.now();
      try {
        await Promise.race([this.raw!.status("INBOX", { messages: true }), new Promise((_, reject) => setTimeout(() => reject(new Error("STATUS timed out")), 30_000).unref())]);
        this.imap.push(performance.now() - t1);
      } catch {
        this.failed.imap += 1;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, this.o.intervalMs - (performance.now() - t0))));
    }
  }

  async stop(): Promise<ProbeResult> {
    this.running = false;
    await this.loop;
    if (this.raw) await closeRaw(this.raw);
    return {
      interval_ms: this.o.intervalMs,
      health: { ...opStats(this.health, 0), failed: this.failed.health },
      list_first_page: { ...opStats(this.list, 0), failed: this.failed.list },
      imap_status: { ...opStats(this.imap, 0), failed: this.failed.imap },
    };
  }
}
