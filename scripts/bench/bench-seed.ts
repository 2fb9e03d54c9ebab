/**
 * The browser bench's extra mail, only ever in the bench stack: a few hundred messages in bulk@'s
 * Archive (a second folder with mail for the folder switch) and a 100,000-message INBOX for
 * bulk100k@ (plus its own Archive). MULTIAPPEND with LITERAL+ over one raw socket, generated batch
 * by batch, as scripts/seed.ts does for bulk@'s 10,000 (this one is timed and never touches the
 * dev/test stacks). Seeded once: a folder that already holds the expected count is skipped.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ImapFlow } from "imapflow";
import { bulkMessage, minutesBefore } from "../seed-lib";

export interface SeedTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  mailbox: string;
  count: number;
  /** Seed of the generated text, so two folders never hold the same messages. */
  textSeed: number;
  /** Minutes between consecutive messages (dates grow with the UID, newest last). */
  spacingMinutes: number;
  /** Where the seeding time is kept, so a later run that skips seeding still reports how long it took. */
  recordDir?: string;
}

export interface SeedReport {
  user: string;
  mailbox: string;
  messages: number;
  seeded_this_run: boolean;
  /** How long seeding took (this run, or the run that seeded, from recordDir). */
  seconds: number | null;
  mib: number | null;
  seeded_at?: string;
}

const recordFile = (t: SeedTarget) => (t.recordDir ? path.join(t.recordDir, `bench-seed-${t.user}-${t.mailbox}.json`.replace(/[^A-Za-z0-9@._-]/g, "_")) : null);

function earlierSeeding(t: SeedTarget): Pick<SeedReport, "seconds" | "mib" | "seeded_at"> {
  const file = recordFile(t);
  if (!file || !existsSync(file)) return { seconds: null, mib: null };
  try {
    const r = JSON.parse(readFileSync(file, "utf8")) as SeedReport;
    return { seconds: r.seconds, mib: r.mib, seeded_at: r.seeded_at };
  } catch {
    return { seconds: null, mib: null };
  }
}

function imapDate(d: Date): string {
  const M = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}-${M[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const quote = (s: string) => `"${s.replace(/(["\\])/g, "\\$1")}"`;

/** One tagged command at a time on a raw IMAP socket, each with a deadline. */
class RawImap {
  private buf = "";
  private waiter: { tag: string; resolve: () => void; reject: (e: Error) => void } | null = null;
  private greeted: (() => void) | null = null;

  private constructor(private readonly sock: net.Socket, private readonly who: string) {
    sock.setNoDelay(true);
    const fail = (e: Error) => {
      const w = this.waiter;
      this.waiter = null;
      w?.reject(e);
    };
    sock.on("error", fail);
    sock.on("close", () => fail(new Error(`${who}: IMAP connection closed`)));
    sock.on("data", (d) => this.onData(d));
  }

  static async open(t: SeedTarget): Promise<RawImap> {
    const raw = new RawImap(net.connect({ host: t.host, port: t.port }), t.user);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${t.user}: no IMAP greeting within 10 s`)), 10_000);
      raw.greeted = () => (clearTimeout(timer), resolve());
      raw.sock.once("error", reject);
    });
    await raw.command("L1", [Buffer.from(`L1 LOGIN ${quote(t.user)} ${quote(t.password)}\r\n`)], 10_000);
    return raw;
  }

  private onData(d: Buffer): void {
    this.buf += d.toString("latin1");
    let i: number;
    while ((i = this.buf.indexOf("\r\n")) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 2);
      if (this.greeted && line.startsWith("* OK")) {
        this.greeted();
        this.greeted = null;
      } else if (this.waiter && line.startsWith(this.waiter.tag + " ")) {
        const w = this.waiter;
        this.waiter = null;
        if (/^\S+ OK/.test(line)) w.resolve();
        else w.reject(new Error(`${this.who}: ${line}`));
      }
    }
  }

  command(tag: string, chunks: Buffer[], timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.who}: ${tag} got no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiter = { tag, resolve: () => (clearTimeout(timer), resolve()), reject: (e) => (clearTimeout(timer), reject(e)) };
      for (const ch of chunks) this.sock.write(ch);
    });
  }

  async close(): Promise<void> {
    await this.command("Z1", [Buffer.from("Z1 LOGOUT\r\n")], 5_000).catch(() => undefined);
    this.sock.destroy();
  }
}

async function folderCount(t: SeedTarget): Promise<number> {
  const c = new ImapFlow({ host: t.host, port: t.port, secure: false, auth: { user: t.user, pass: t.password }, logger: false, connectionTimeout: 10_000 });
  await c.connect();
  try {
    const exists = (await c.list()).some((f) => f.path === t.mailbox);
    if (!exists) {
      await c.mailboxCreate(t.mailbox);
      return 0;
    }
    const status = await c.status(t.mailbox, { messages: true });
    if (!status) throw new Error(`${t.user}: STATUS ${t.mailbox} failed`);
    return status.messages ?? 0;
  } finally {
    await c.logout().catch(() => undefined);
  }
}

/**
 * Appends t.count generated messages to an empty folder; skips a folder that holds exactly t.count.
 * Anything else (a half-seeded folder) is an error the operator must clear, never silently topped up.
 */
export async function seedFolder(t: SeedTarget, log: (m: string) => void, batchSize = 1000): Promise<SeedReport> {
  const have = await folderCount(t);
  if (have === t.count) return { user: t.user, mailbox: t.mailbox, messages: have, seeded_this_run: false, ...earlierSeeding(t) };
  if (have !== 0) throw new Error(`${t.user} ${t.mailbox} holds ${have} messages, expected 0 or ${t.count}: stop the bench stack and delete its folder (BENCH_MAILSTACK_DIR) to reseed`);
  log(`seeding ${t.count.toLocaleString("en")} messages into ${t.user} ${t.mailbox}`);
  const t0 = performance.now();
  const raw = await RawImap.open(t);
  const to = { name: "Bulk Tester", address: t.user };
  let bytes = 0;
  try {
    for (let start = 0, n = 1; start < t.count; start += batchSize, n++) {
      const chunks: Buffer[] = [Buffer.from(`A${n} APPEND ${quote(t.mailbox)}`)];
      for (let i = start; i < Math.min(t.count, start + batchSize); i++) {
        const date = minutesBefore((t.count - i) * t.spacingMinutes);
        const body = bulkMessage(i, to, date, t.textSeed);
        bytes += body.length;
        const flags = i % 7 === 0 ? "" : "\\Seen";
        chunks.push(Buffer.from(` (${flags}) "${imapDate(date)}" {${body.length}+}\r\n`), body);
      }
      chunks.push(Buffer.from("\r\n"));
      await raw.command(`A${n}`, chunks, 120_000);
    }
  } finally {
    await raw.close();
  }
  const seconds = Math.round((performance.now() - t0) / 10) / 100;
  const got = await folderCount(t);
  if (got !== t.count) throw new Error(`${t.user} ${t.mailbox}: ${got} messages after seeding, expected ${t.count}`);
  const report: SeedReport = { user: t.user, mailbox: t.mailbox, messages: got, seeded_this_run: true, seconds, mib: Math.round((bytes / 1048576) * 10) / 10, seeded_at: new Date().toISOString() };
  const file = recordFile(t);
  if (file) writeFileSync(file, JSON.stringify(report) + "\n");
  return report;
}
