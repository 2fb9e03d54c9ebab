import net from "node:net";
import { ImapFlow } from "imapflow";
import { afterAll, describe, expect, it, vi } from "vitest";

// The pool reaches the real Dovecot through a switch on port 4881 that the test can pull (the server
// "restarting": connections cut, new ones refused) and put back.
const SWITCH_PORT = 4881;
vi.mock("@/lib/env", async (orig) => {
  const real = await orig<typeof import("@/lib/env")>();
  const e = { ...real.loadEnv(), IMAP_PORT: SWITCH_PORT };
  return { ...real, env: () => e };
});
const { AccountPool, accountKey } = await import("@/lib/imap/pool");
const { connectImap } = await import("@/lib/imap/connect");
const { loadEnv } = await import("@/lib/env");

const IMAP_PORT = loadEnv().IMAP_PORT;
const creds = { user: "t65@example.test", password: "test-pass" };

class Switch {
  private server: net.Server | null = null;
  private socks = new Set<net.Socket>();
  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(IMAP_PORT, "127.0.0.1");
      this.socks.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => (client.destroy(), upstream.destroy());
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
    });
    await new Promise<void>((r) => this.server!.listen(SWITCH_PORT, "127.0.0.1", r));
  }
  async down(): Promise<void> {
    for (const s of this.socks) s.destroy();
    this.socks.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }
}

async function direct<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({ host: "127.0.0.1", port: IMAP_PORT, secure: false, auth: { user: creds.user, pass: creds.password }, logger: false });
  c.on("error", () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

const count = (s: false | { messages?: number }) => (s ? s.messages : -1);
const sw = new Switch();
afterAll(() => sw.down());

describe("IMAP pool against the real server going away", () => {
  it("rejects queued deletes when the server restarts, and they never run once it is back", async () => {
    const subjects = [1, 2, 3].map((n) => `pool-int-${Date.now()}-${n}`);
    const uids = await direct(async (c) => {
      await c.mailboxOpen("INBOX");
      if (c.mailbox && c.mailbox.exists > 0) await c.messageDelete("1:*");
      const out: number[] = [];
      for (const s of subjects) {
        const res = await c.append("INBOX", `From: a@example.test\r\nTo: ${creds.user}\r\nSubject: ${s}\r\n\r\nkeep me\r\n`);
        out.push((res as { uid: number }).uid);
      }
      return out;
    });
    await sw.up();
    const pool = new AccountPool(accountKey(creds), creds, 1, connectImap, { acquireTimeoutMs: 10_000 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holder = pool
      .run(async (c) => {
        await c.mailboxOpen("INBOX");
        await gate;
        await c.noop();
        if (!c.usable) throw Object.assign(new Error("gone"), { code: "NoConnection" });
      }, { idempotent: false })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    // Three deletes queue behind the busy connection (the pool has one).
    const deletes = uids.map((uid) =>
      pool
        .run(async (c) => {
          const lock = await c.getMailboxLock("INBOX");
          try {
            await c.messageDelete(String(uid), { uid: true });
          } finally {
            lock.release();
          }
        }, { idempotent: false })
        .then(() => "deleted", (e: { code?: string }) => e.code),
    );
    expect(pool.stats().waiting).toBe(3);
    await sw.down();
    release();
    const outcome = await Promise.race([Promise.all(deletes), new Promise((r) => setTimeout(() => r("still waiting"), 5_000))]);
    expect(outcome).toEqual(["MAIL_SERVER_UNREACHABLE", "MAIL_SERVER_UNREACHABLE", "MAIL_SERVER_UNREACHABLE"]);
    await holder;
    // The server is back: the pool works again, and the deletes the person saw fail do not happen now.
    await sw.up();
    expect(await pool.run(async (c) => count(await c.status("INBOX", { messages: true })))).toBe(3);
    await new Promise((r) => setTimeout(r, 1_000));
    await pool.run(async (c) => c.noop());
    const left = await direct(async (c) => count(await c.status("INBOX", { messages: true })));
    expect(left).toBe(3);
    await pool.close();
  });
});
