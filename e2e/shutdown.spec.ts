import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { resetMailbox, testUser, withImap } from "./helpers/imap";
import { signInAt, startOwnServer, type OwnServer } from "./helpers/own-server";
import { slowPop3 } from "./helpers/slow-pop3";

// SIGTERM to a server in the middle of a POP3 sync: it exits 0, and what it leaves is whole — every
// message is either in the cache completely (row and blob with matching hash) or not at all, and the
// next sync ends with every message exactly once.
const user = testUser(66);
const COUNT = 400;

function message(i: number): string {
  const filler = createHash("sha256").update(`filler ${i}`).digest("hex").repeat(600); // ~38 KB, unique per message
  const body = filler.replace(/(.{76})/g, "$1\r\n");
  return `From: Sender <sender@example.test>\r\nTo: ${user.email}\r\nSubject: shutdown ${i}\r\nMessage-ID: <shutdown-${i}@example.test>\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\n${body}\r\n`;
}

/** Reads the cache of a stopped server: rows of the account, each checked against its blob file. */
function inspectCache(dataDir: string) {
  const db = new Database(path.join(dataDir, "mailroom.sqlite"), { readonly: true });
  try {
    const rows = db.prepare("SELECT sha256, message_id AS messageId FROM messages WHERE account = ?").all(user.email) as { sha256: string; messageId: string }[];
    const ledger = (db.prepare("SELECT count(*) AS n FROM pop3_ledger WHERE account = ?").get(user.email) as { n: number }).n;
    const broken = rows.filter((r) => {
      const file = path.join(dataDir, "blobs", r.sha256.slice(0, 2), `${r.sha256}.eml`);
      return !existsSync(file) || createHash("sha256").update(readFileSync(file)).digest("hex") !== r.sha256;
    });
    return { rows, ledger, broken, ids: new Set(rows.map((r) => r.messageId)) };
  } finally {
    db.close();
  }
}

test("SIGTERM mid-sync: exit 0, nothing half-written, and the next sync completes without duplicates", async ({ browser }) => {
  test.setTimeout(240_000);
  await resetMailbox(user);
  await withImap(user, async (c) => {
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < COUNT; i++) {
      pending.push(c.append("INBOX", message(i)));
      if (pending.length === 50) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
  });

  const slowPort = Number(process.env.APP_PORT ?? 3100) + 22;
  const slow = await slowPop3(slowPort);
  let server: OwnServer = await startOwnServer({ offset: 20, name: "shutdown", env: { SHUTDOWN_GRACE_S: "20", POP3_PORT: String(slowPort) } });
  try {
    const first = await signInAt(browser, server.url, user, "POP3"); // signing in starts the sync
    let status = { state: "", done: 0, total: 0 };
    await expect
      .poll(async () => {
        status = await (await first.request.get("/api/sync")).json();
        return status.done;
      }, { timeout: 60_000, intervals: [50] })
      .toBeGreaterThanOrEqual(5);
    expect(status.state).toBe("running");
    expect(status.done).toBeLessThan(COUNT); // really mid-sync
    await first.close();

    const killedAt = Date.now();
    server.proc.kill("SIGTERM");
    const { code } = await server.exited;
    expect(code, server.output()).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(25_000);
    expect(server.output()).toContain("shut down cleanly");

    // Checkpointed: the WAL was folded into the database on close.
    const wal = path.join(server.dataDir, "mailroom.sqlite-wal");
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const after = inspectCache(server.dataDir);
    expect(after.broken).toEqual([]);
    expect(after.rows.length).toBeGreaterThan(0);
    expect(after.rows.length).toBeLessThan(COUNT);
    expect(after.ids.size).toBe(after.rows.length);
    expect(after.ledger).toBe(after.rows.length);

    // Back up on the same data: the next sync (its lock was released) completes to the full count.
    server = await startOwnServer({ offset: 20, name: "shutdown", keepData: true });
    const second = await signInAt(browser, server.url, user, "POP3");
    await expect
      .poll(async () => {
        const s = await (await second.request.get("/api/sync")).json();
        return s.state === "idle" && s.finishedAt ? (await (await second.request.get("/api/account")).json()).pop3.usage.messages : -1;
      }, { timeout: 120_000, intervals: [250] })
      .toBe(COUNT);
    await second.close();
    server.proc.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
    const final = inspectCache(server.dataDir);
    expect(final.broken).toEqual([]);
    expect(final.rows.length).toBe(COUNT);
    expect(final.ids.size).toBe(COUNT);
  } finally {
    await server.stop();
    slow.close();
  }
});
