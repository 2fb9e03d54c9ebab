import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { ImapFlow } from "imapflow";

const fakeEnv = { IMAP_POOL_SIZE: 2, IMAP_IDLE_TIMEOUT_S: 300, IMAP_ACQUIRE_TIMEOUT_S: 10, IMAP_POOL_MAX_ACCOUNTS: 3, NEXTAUTH_SECRET: "unit-test-secret-0123456789abcdef0123" };
vi.mock("@/lib/env", () => ({ env: () => fakeEnv }));
// poolFor() connects through connectImap: the registry tests get fakes instead of a server.
vi.mock("@/lib/imap/connect", () => ({ connectImap: async () => new FakeClient() }));
const { AccountPool, accountKey, poolFor, closeAllPools } = await import("@/lib/imap/pool");
const { BoundedSet, MAX_SESSIONS_PER_ACCOUNT } = await import("@/lib/mail/bounded-set");

// Hoisted above vi.mock's factory use by being a class declaration evaluated before any import() below.
class FakeClient extends EventEmitter {
  usable = true;
  loggedOut = false;
  async logout() {
    this.loggedOut = true;
    this.usable = false;
  }
  close() {
    this.usable = false;
  }
}

function makePool(max = 2, acquireTimeoutMs = 10_000) {
  const made: FakeClient[] = [];
  const server = { down: false };
  const connect = vi.fn(async () => {
    if (server.down) throw Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    const c = new FakeClient();
    made.push(c);
    return c as unknown as ImapFlow;
  });
  return { pool: new AccountPool("k", { user: "u", password: "p" }, max, connect, { acquireTimeoutMs }), made, connect, server };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("AccountPool", () => {
  it("gives a folder's job to the connection that has it open, else to one that opened it before", async () => {
    const { pool, made } = makePool(3);
    // Three connections, each opening its own folder (imapflow's mailboxOpen event, as a SELECT emits it).
    const gate = deferred();
    const select = (c: ImapFlow, path: string) => {
      const fake = c as unknown as FakeClient & { mailbox: false | { path: string } };
      fake.mailbox = { path };
      fake.emit("mailboxOpen", { path });
    };
    await Promise.all(["INBOX", "Archive", "Sent"].map((f) => pool.run(async (c) => { select(c, f); await gate.promise; }).catch(() => undefined)).concat([Promise.resolve(gate.resolve())]));
    expect(made).toHaveLength(3);
    const byFolder = (f: string) => made.findIndex((c) => (c as unknown as { mailbox: { path: string } }).mailbox.path === f);
    const ran = async (folder?: string) => made.indexOf((await pool.run(async (c) => c, { folder })) as unknown as FakeClient);
    expect(await ran("Sent")).toBe(byFolder("Sent"));
    expect(await ran("Archive")).toBe(byFolder("Archive"));
    expect(await ran("INBOX")).toBe(byFolder("INBOX"));
    // The Sent connection moves on to Drafts; Sent's next job still goes to the one that opened Sent.
    const sentIdx = byFolder("Sent");
    await pool.run(async (c) => select(c, "Drafts"), { folder: "Drafts" });
    expect(await ran("Sent")).toBe(sentIdx);
    // A folder no connection opened, and a job without a folder, take the first idle one.
    expect(await ran("Junk")).toBe(0);
    expect(await ran()).toBe(0);
  });

  it("reuses one connection for sequential work (no login per request)", async () => {
    const { pool, connect } = makePool();
    for (let i = 0; i < 5; i++) await pool.run(async () => i);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it("never opens more than max connections and queues the rest", async () => {
    const { pool, connect } = makePool(2);
    const gate = deferred();
    let running = 0;
    let peak = 0;
    const jobs = Array.from({ length: 20 }, () =>
      pool.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(pool.stats().waiting).toBe(18);
    gate.resolve();
    await Promise.all(jobs);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(peak).toBe(2);
    expect(pool.stats()).toMatchObject({ open: 2, busy: 0, waiting: 0 });
  });

  it("replaces a dropped connection and retries idempotent work once", async () => {
    const { pool, made, connect } = makePool(1);
    await pool.run(async () => 1);
    made[0]!.usable = false; // dropped while idle
    expect(await pool.run(async () => "ok")).toBe("ok");
    expect(connect).toHaveBeenCalledTimes(2);

    let calls = 0;
    const result = await pool.run(async (c) => {
      calls++;
      if (calls === 1) {
        (c as unknown as FakeClient).usable = false;
        throw Object.assign(new Error("gone"), { code: "NoConnection" });
      }
      return "retried";
    });
    expect(result).toBe("retried");
    expect(calls).toBe(2);
  });

  it("does not retry non-idempotent work and maps the error", async () => {
    const { pool } = makePool(1);
    let calls = 0;
    await expect(
      pool.run(
        async (c) => {
          calls++;
          (c as unknown as FakeClient).usable = false;
          throw Object.assign(new Error("gone"), { code: "NoConnection" });
        },
        { idempotent: false },
      ),
    ).rejects.toMatchObject({ code: "MAIL_SERVER_UNREACHABLE" });
    expect(calls).toBe(1);
  });

  it("adopts the sign-in connection, reaps idle ones and closes everything", async () => {
    const { pool, connect } = makePool(2);
    const adopted = new FakeClient();
    pool.adopt(adopted as unknown as ImapFlow);
    await pool.run(async (c) => expect(c).toBe(adopted));
    expect(connect).not.toHaveBeenCalled();
    pool.reap(1000, Date.now() + 5000);
    expect(adopted.loggedOut).toBe(true);
    expect(pool.stats().open).toBe(0);
    await pool.run(async () => 1);
    await pool.close();
    expect(pool.stats().open).toBe(0);
    await expect(pool.run(async () => 1)).rejects.toMatchObject({ code: "MAIL_SERVER_UNREACHABLE" });
  });

  it("hands a waiting job a fresh connection when a lease ends on a dead one", async () => {
    const { pool, connect } = makePool(1);
    const lease = await pool.lease();
    const waiting = pool.run(async () => "after");
    (lease.client as unknown as FakeClient).usable = false;
    lease.release();
    lease.release(); // twice is harmless
    expect(await waiting).toBe("after");
    expect(connect).toHaveBeenCalledTimes(2);
  });
});

const settled = async <T>(p: Promise<T>) => p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("AccountPool: nothing waits forever, nothing runs late", () => {
  it("rejects every queued request when the server goes away, and none of them runs when it returns", async () => {
    const { pool, made, server } = makePool(1);
    const gate = deferred();
    const first = settled(
      pool.run(async (c) => {
        await gate.promise;
        if (!(c as unknown as FakeClient).usable) throw Object.assign(new Error("gone"), { code: "NoConnection" });
      }, { idempotent: false }),
    );
    await tick();
    const ran: number[] = [];
    const queued = [1, 2, 3].map((n) => settled(pool.run(async () => void ran.push(n), { idempotent: false })));
    await tick();
    expect(pool.stats().waiting).toBe(3);
    // The server restarts: the connection drops and reconnecting is refused.
    server.down = true;
    made[0]!.usable = false;
    gate.resolve();
    const results = await Promise.race([Promise.all(queued), tick(1000).then(() => "hung" as const)]);
    expect(results).not.toBe("hung");
    for (const r of results as { ok: boolean; e?: unknown }[]) expect(r).toMatchObject({ ok: false, e: { code: "MAIL_SERVER_UNREACHABLE" } });
    expect((await first).ok).toBe(false);
    expect(pool.stats().waiting).toBe(0);
    server.down = false; // back: new work runs, the failed work never does
    await pool.run(async () => void ran.push(99));
    await tick(20);
    expect(ran).toEqual([99]);
  });

  it("rejects queued requests at once when the first connect fails", async () => {
    const { pool, server } = makePool(2);
    server.down = true;
    const job = vi.fn(async () => 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => settled(pool.run(job))));
    expect(results.every((r) => !r.ok && (r.e as { code: string }).code === "MAIL_SERVER_UNREACHABLE")).toBe(true);
    expect(job).not.toHaveBeenCalled();
  });

  it("gives up after the acquire deadline with MAIL_SERVER_UNAVAILABLE (503), and the job never runs", async () => {
    const { pool } = makePool(1, 50);
    const gate = deferred();
    const holder = pool.run(() => gate.promise);
    await tick();
    const late = vi.fn(async () => "late");
    const started = Date.now();
    await expect(pool.run(late)).rejects.toMatchObject({ code: "MAIL_SERVER_UNAVAILABLE", status: 503 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(pool.stats().waiting).toBe(0);
    gate.resolve();
    await holder;
    await tick(20);
    expect(late).not.toHaveBeenCalled();
  });

  it("a request whose browser went away leaves the queue and its work never runs", async () => {
    const { pool } = makePool(1);
    const gate = deferred();
    const holder = pool.run(() => gate.promise);
    await tick();
    const ac = new AbortController();
    const job = vi.fn(async () => "deleted");
    const waiting = settled(pool.run(job, { signal: ac.signal, idempotent: false }));
    await tick();
    expect(pool.stats().waiting).toBe(1);
    ac.abort();
    expect(await waiting).toMatchObject({ ok: false, e: { code: "REQUEST_CANCELLED" } });
    expect(pool.stats().waiting).toBe(0);
    gate.resolve();
    await holder;
    await tick(20);
    expect(job).not.toHaveBeenCalled();
    // Already gone before asking: not even queued.
    await expect(pool.run(job, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: "REQUEST_CANCELLED" });
    expect(job).not.toHaveBeenCalled();
  });

  it("streamed downloads (leases) never take the account's last connection", async () => {
    const { pool } = makePool(3, 100);
    const a = await pool.lease();
    const b = await pool.lease();
    const c = settled(pool.lease());
    // Two stalled downloads hold two connections; everyone else still gets the third at once.
    expect(await pool.run(async () => "listed")).toBe("listed");
    expect(await c).toMatchObject({ ok: false, e: { code: "MAIL_SERVER_UNAVAILABLE" } });
    a.release();
    const d = await pool.lease(); // a finished download frees a lease for the next one
    d.release();
    b.release();
  });
});

describe("pool registry and keys", () => {
  const creds = (n: number) => ({ user: `u${n}@example.test`, password: "pw" });

  it("keys pools by an HMAC under the app secret, not a bare hash of the password", async () => {
    const { createHash } = await import("node:crypto");
    const c = { user: "A@example.test", password: "hunter2" };
    const key = accountKey(c, "secret-one-0123456789abcdef0123456789");
    const sha = createHash("sha256").update(c.password).digest("base64url");
    expect(key.startsWith("a@example.test#")).toBe(true);
    const mac = key.split("#")[1]!;
    expect(mac.length).toBeGreaterThanOrEqual(20);
    expect(sha.startsWith(mac.slice(0, 16))).toBe(false);
    expect(key).not.toContain("hunter2");
    expect(accountKey(c, "secret-one-0123456789abcdef0123456789")).toBe(key);
    expect(accountKey(c, "secret-two-0123456789abcdef0123456789")).not.toBe(key);
    expect(accountKey({ ...c, password: "other" }, "secret-one-0123456789abcdef0123456789")).not.toBe(key);
  });

  it("never logs the pool key", async () => {
    const { pool } = makePool(1);
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((l: string) => void lines.push(l));
    try {
      let calls = 0;
      await pool.run(async (c) => {
        if (calls++ === 0) {
          (c as unknown as FakeClient).usable = false;
          throw Object.assign(new Error("gone"), { code: "NoConnection" });
        }
      });
      const secretKeyed = new AccountPool(accountKey({ user: "x@example.test", password: "p" }), { user: "x@example.test", password: "p" }, 1, async () => {
        const c = new FakeClient();
        return c as unknown as ImapFlow;
      });
      let n = 0;
      await secretKeyed.run(async (c) => {
        if (n++ === 0) {
          (c as unknown as FakeClient).usable = false;
          throw Object.assign(new Error("gone"), { code: "NoConnection" });
        }
      });
      expect(lines.some((l) => l.includes("x@example.test"))).toBe(true);
      expect(lines.some((l) => l.includes(secretKeyed.key.split("#")[1]!))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it("bounds the account pools: idle ones are evicted first, one with work in flight never, then refuses", async () => {
    await closeAllPools();
    const gate = deferred();
    const busy = poolFor(creds(1));
    const inFlight = busy.run(() => gate.promise);
    await tick();
    const idle2 = poolFor(creds(2));
    await idle2.run(async () => 1);
    poolFor(creds(3));
    expect(poolFor(creds(1))).toBe(busy); // still there, now most recently used
    poolFor(creds(4)); // past the bound of 3: the least recently used idle pool (2) goes
    expect(poolFor(creds(1))).toBe(busy);
    expect(poolFor(creds(2))).not.toBe(idle2);
    // Fill every place with work in flight: a new account is refused, nobody's work is cut.
    const gates = [deferred(), deferred()];
    const more = [poolFor(creds(2)).run(() => gates[0]!.promise), poolFor(creds(4)).run(() => gates[1]!.promise)];
    await tick();
    expect(() => poolFor(creds(5))).toThrow(expect.objectContaining({ code: "MAIL_SERVER_UNAVAILABLE" }));
    expect(poolFor(creds(1))).toBe(busy);
    gate.resolve();
    gates.forEach((g) => g.resolve());
    await Promise.all([inFlight, ...more]);
    await closeAllPools();
  });

  it("bounds the sessions remembered per account", () => {
    const s = new BoundedSet<string>(MAX_SESSIONS_PER_ACCOUNT);
    for (let i = 0; i < MAX_SESSIONS_PER_ACCOUNT + 50; i++) s.add(`sid-${i}`);
    expect(s.size).toBe(MAX_SESSIONS_PER_ACCOUNT);
    expect(s.has("sid-0")).toBe(false);
    expect(s.has(`sid-${MAX_SESSIONS_PER_ACCOUNT + 49}`)).toBe(true);
    const pool = poolFor(creds(9));
    for (let i = 0; i < MAX_SESSIONS_PER_ACCOUNT + 5; i++) pool.sessions.add(`x-${i}`);
    expect(pool.sessions.size).toBe(MAX_SESSIONS_PER_ACCOUNT);
  });
});
