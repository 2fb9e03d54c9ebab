import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { ImapFlow } from "imapflow";

vi.mock("@/lib/env", () => ({ env: () => ({ NEXTAUTH_SECRET: "unit-test-secret-0123456789abcdef0123" }) }));
const { AccountPool } = await import("@/lib/imap/account-pool");

class FakeClient extends EventEmitter {
  usable = true;
  async logout() {
    this.usable = false;
  }
  close() {
    this.usable = false;
  }
}

function makePool(max: number) {
  return new AccountPool("k", { user: "u", password: "p" }, max, async () => new FakeClient() as unknown as ImapFlow);
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const tick = () => new Promise((r) => setTimeout(r, 5));

describe("AccountPool: searches queue behind what a person waits on", () => {
  it("background jobs (searches) never hold the account's last connection", async () => {
    const pool = makePool(3);
    const gate = deferred();
    let running = 0;
    let peak = 0;
    const searches = Array.from({ length: 6 }, () =>
      pool.run(
        async () => {
          running++;
          peak = Math.max(peak, running);
          await gate.promise;
          running--;
        },
        { background: true },
      ),
    );
    await tick();
    // An open arriving while six searches are queued runs at once, on the connection kept free.
    let opened = false;
    await pool.run(async () => {
      opened = true;
    });
    expect(opened).toBe(true);
    expect(peak).toBe(2);
    gate.resolve();
    await Promise.all(searches);
  });

  it("a queued open goes before searches queued earlier", async () => {
    const pool = makePool(1);
    const gate = deferred();
    const order: string[] = [];
    const first = pool.run(async () => {
      await gate.promise;
      order.push("first");
    });
    await tick();
    const search = pool.run(async () => void order.push("search"), { background: true });
    const open = pool.run(async () => void order.push("open"));
    gate.resolve();
    await Promise.all([first, search, open]);
    expect(order).toEqual(["first", "open", "search"]);
  });
});
