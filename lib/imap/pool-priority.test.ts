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

describe("AccountPool: a job goes to a connection that already has its folder open", () => {
  // The fake's `mailbox` is what imapflow reports: the selected folder, or false.
  const selecting = (folder: string) => async (c: ImapFlow) => {
    (c as unknown as { mailbox: { path: string } }).mailbox = { path: folder };
    return c;
  };

  it("hands over the idle connection with the folder selected, not the first idle one", async () => {
    const pool = makePool(3);
    const gate = deferred();
    // Three connections at once: each selects its own folder.
    const held = ["Archive", "INBOX", "Sent"].map((f) =>
      pool.run(async (client) => {
        await gate.promise;
        return selecting(f)(client);
      }),
    );
    await tick();
    gate.resolve();
    const [a, b, c] = await Promise.all(held);
    expect(new Set([a, b, c]).size).toBe(3);
    for (const [folder, want] of [["INBOX", b], ["Sent", c], ["Archive", a], ["INBOX", b]] as const) {
      await tick();
      const got = await pool.run(async (client) => client, { folder, background: folder === "INBOX" });
      expect(got).toBe(want);
    }
    // No connection has it: the one left alone longest (Sent's), so INBOX and Archive stay open.
    await tick();
    expect(await pool.run(async (client) => client, { folder: "Drafts" })).toBe(c);
  });
});

describe("AccountPool: work in one folder keeps to one connection", () => {
  it("of several idle connections with the folder selected, the one used last gets the job", async () => {
    const pool = makePool(2);
    const inbox = async (client: ImapFlow, gate: Promise<void>) => {
      await gate;
      (client as unknown as { mailbox: { path: string } }).mailbox = { path: "INBOX" };
      return client;
    };
    const g1 = deferred();
    const g2 = deferred();
    // Two connections in INBOX; the second one finishes its work last.
    const a = pool.run((c) => inbox(c, g1.promise), { folder: "INBOX" });
    const b = pool.run((c) => inbox(c, g2.promise), { folder: "INBOX" });
    await tick();
    g1.resolve();
    const first = await a;
    await tick();
    g2.resolve();
    const second = await b;
    expect(second).not.toBe(first);
    // The next INBOX job (a search after that mark-read, say) goes to the connection used last.
    expect(await pool.run(async (client) => client, { folder: "INBOX", background: true })).toBe(second);
  });
});
