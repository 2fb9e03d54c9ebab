import { afterAll, describe, expect, it } from "vitest";
import type { ImapFlow } from "imapflow";
import { AccountPool } from "@/lib/imap/pool";
import { connectImap } from "@/lib/imap/connect";

// Against the real Dovecot: imapflow's own SELECT (its mailboxOpen event and `mailbox`) is what the
// pool's folder affinity reads, so a change there would show here, not only in the unit test's fake.
const creds = { user: "t444@example.test", password: "test-pass" };
const pool = new AccountPool("affinity-int", creds, 2, connectImap, { acquireTimeoutMs: 10_000 });
afterAll(() => pool.close());

const selected = (c: ImapFlow) => (c.mailbox ? c.mailbox.path : null);

describe("IMAP pool folder affinity on the real server", () => {
  it("sends a folder's job to the connection that opened it, whatever the order of the idle connections", async () => {
    // Two connections at once: the first holds its job until the second has opened Sent.
    let sentOpen!: () => void;
    const gate = new Promise<void>((r) => (sentOpen = r));
    const [inboxConn, sentConn] = await Promise.all([
      pool.run(async (c) => {
        await c.mailboxOpen("INBOX");
        await gate;
        return c;
      }, { folder: "INBOX" }),
      pool.run(async (c) => {
        await c.mailboxOpen("Sent");
        sentOpen();
        return c;
      }, { folder: "Sent" }),
    ]);
    expect(inboxConn).not.toBe(sentConn);
    expect(pool.stats().open).toBe(2);
    for (let i = 0; i < 3; i++) {
      expect(await pool.run(async (c) => c, { folder: "Sent" })).toBe(sentConn);
      expect(await pool.run(async (c) => c, { folder: "INBOX" })).toBe(inboxConn);
    }
    // A folder neither opened goes to the first idle connection (the INBOX one), which moves to Trash;
    // INBOX's next job still goes to it (it opened INBOX before: the server's cheap second SELECT), not
    // to the Sent one.
    const trashConn = await pool.run(async (c) => {
      await c.mailboxOpen("Trash");
      return c;
    }, { folder: "Trash" });
    expect(trashConn).toBe(inboxConn);
    const forInbox = await pool.run(async (c) => {
      const before = selected(c);
      await c.mailboxOpen("INBOX");
      return { c, before };
    }, { folder: "INBOX" });
    expect(forInbox).toEqual({ c: inboxConn, before: "Trash" });
    expect(selected(sentConn)).toBe("Sent");
  });
});
