import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { ImapFlow } from "imapflow";

vi.mock("@/lib/env", () => ({ env: () => ({ IMAP_POOL_SIZE: 2, IMAP_IDLE_TIMEOUT_S: 300 }) }));
const { AccountPool } = await import("@/lib/imap/pool");

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

function makePool(max = 2) {
  const made: FakeClient[] = [];
  const connect = vi.fn(async () => {
    const c = new FakeClient();
    made.push(c);
    return c as unknown as ImapFlow;
  });
  return { pool: new AccountPool("k", { user: "u", password: "p" }, max, connect), made, connect };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("AccountPool", () => {
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
