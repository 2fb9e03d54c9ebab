import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { malformedMessage } from "@/scripts/seed-lib";
import type { Cache } from "@/lib/cache/open-cache";
import type { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { syncPop3Account } from "@/lib/pop3/sync";
import { indexPending } from "@/lib/pop3/index-pending";
import { readMessageMeta } from "@/lib/pop3/message-meta";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { getSyncStatus, startSync, waitForSync } from "@/lib/pop3/sync-runner";
import { FaultProxy, type CommandAction } from "@/lib/pop3/testing/fault-proxy";
import { cachedHashes, corpus, deliver, dropCache, freshCache, POP3, resetServer, serverCount, sha256, user } from "@/lib/pop3/testing/fixtures";

const DAY = 86_400_000;
let cache: Cache;
let onCommand: ((line: string) => CommandAction) | null = null;
const proxy = new FaultProxy({ target: POP3, onCommand: (line) => onCommand?.(line) ?? "forward" });
const viaProxy = () => ({ host: "127.0.0.1", port: proxy.port, tls: false });

beforeAll(async () => {
  await proxy.listen();
});
afterAll(async () => {
  await proxy.close();
});
afterEach(() => {
  onCommand = null;
  if (cache) dropCache(cache);
});

async function setup(n: number, policy: "delete" | "keep" | "keep-days" | "delete-when-deleted", count: number, seed: number) {
  const u = user(n);
  await resetServer(u);
  cache = freshCache();
  await cache.store.saveSettings(u.email, { policy, keepDays: 14, intervalSeconds: 60 });
  const mail = corpus(count, seed, u.email);
  await deliver(u, mail);
  return { u, mail };
}

describe("POP3 sync against Dovecot", () => {
  it("is incremental: 5, then 3 more → only the 3 new are fetched, 8 in the cache (policy keep)", async () => {
    const { u, mail } = await setup(14, "keep", 5, 1401);
    expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ onServer: 5, fetched: 5, skipped: 0, deleted: 0 });
    const more = corpus(3, 1402, u.email);
    await deliver(u, more);
    expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ onServer: 8, fetched: 3, skipped: 5, deleted: 0 });
    expect(await cachedHashes(cache, u.email)).toEqual([...mail, ...more].map(sha256).sort());
    expect(await serverCount(u)).toBe(8);
    const page = await new Pop3Store(cache, u.email).listMessages("INBOX", { limit: 50 });
    expect(page.total).toBe(8);
  });

  it("policy delete: the server is empty after the sync", async () => {
    const { u, mail } = await setup(15, "delete", 6, 1501);
    expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ fetched: 6, deleted: 6 });
    expect(await serverCount(u)).toBe(0);
    expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
  });

  it("policy keep-days: with a clock 15 days on, messages downloaded earlier are deleted from the server", async () => {
    const { u, mail } = await setup(16, "keep-days", 4, 1601);
    const t0 = Date.now();
    await syncPop3Account(u.creds, { cache, server: POP3, now: () => t0 });
    expect(await serverCount(u)).toBe(4);
    const newer = corpus(2, 1602, u.email);
    await deliver(u, newer);
    // 10 days on: nothing old enough yet; the 2 new ones are downloaded (at day 10).
    expect(await syncPop3Account(u.creds, { cache, server: POP3, now: () => t0 + 10 * DAY })).toMatchObject({ fetched: 2, deleted: 0 });
    // 15 days on: the first 4 (day 0) are over 14 days old, the 2 from day 10 are not.
    expect(await syncPop3Account(u.creds, { cache, server: POP3, now: () => t0 + 15 * DAY })).toMatchObject({ fetched: 0, deleted: 4 });
    expect(await serverCount(u)).toBe(2);
    expect(await cachedHashes(cache, u.email)).toEqual([...mail, ...newer].map(sha256).sort());
  });

  it("policy delete-when-deleted: deleting for good here removes it from the server on the next sync", async () => {
    const { u, mail } = await setup(17, "delete-when-deleted", 3, 1701);
    await syncPop3Account(u.creds, { cache, server: POP3 });
    const store = new Pop3Store(cache, u.email);
    const [newest] = (await store.listMessages("INBOX", { limit: 1 })).messages;
    expect(await store.remove("INBOX", [newest!.uid])).toBe("Trash");
    expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ fetched: 0, deleted: 0 }); // in Trash: still kept
    const inTrash = (await store.listMessages("Trash", { limit: 1 })).messages[0]!.uid;
    await store.remove("Trash", [inTrash]);
    expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ fetched: 0, deleted: 1 });
    expect(await serverCount(u)).toBe(2);
    // And it is not downloaded again.
    expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ onServer: 2, fetched: 0, deleted: 0 });
    expect((await cachedHashes(cache, u.email)).length).toBe(2);
    expect(mail.length).toBe(3);
  });

  it("stores a malformed message raw; it still opens", async () => {
    const u = user(18);
    await resetServer(u);
    cache = freshCache();
    const bad = malformedMessage({ subject: "Broken on purpose" });
    await deliver(u, [bad]);
    await syncPop3Account(u.creds, { cache, server: POP3 });
    expect(await cachedHashes(cache, u.email)).toEqual([sha256(bad)]);
    const store = new Pop3Store(cache, u.email);
    const [m] = (await store.listMessages("INBOX", { limit: 5 })).messages;
    expect(m!.subject).toBe("Broken on purpose");
    const d = await store.getMessage("INBOX", m!.uid);
    expect(["raw", "text", "html"]).toContain(d.bodyKind);
  });

  it("-ERR mid-session, cut connection, bad UIDL lists, wrong password, server down: clear error, cache intact", async () => {
    const u = user(18);
    await resetServer(u);
    cache = freshCache();
    const mail = corpus(6, 1801, u.email);
    await deliver(u, mail);
    const run = () => syncPop3Account(u.creds, { cache, server: viaProxy() });

    let retrs = 0;
    // RETRs are pipelined: the -ERR must come from the server, in order (there is no message 0).
    onCommand = (line) => (/^RETR /i.test(line) && ++retrs === 3 ? { forward: "RETR 0" } : "forward");
    await expect(run()).rejects.toMatchObject({ code: "POP3_PROTOCOL_ERROR", message: expect.stringContaining("RETR") });
    expect((await cachedHashes(cache, u.email)).length).toBe(2); // the two before the failure are safely in

    onCommand = (line) => (/^UIDL/i.test(line) ? { reply: "+OK\r\n1 same\r\n2 same\r\n.\r\n" } : "forward");
    await expect(run()).rejects.toMatchObject({ code: "POP3_PROTOCOL_ERROR", message: expect.stringContaining("same unique id") });
    onCommand = (line) => (/^UIDL/i.test(line) ? { reply: "+OK\r\n1 ok\r\n2\r\n.\r\n" } : "forward");
    await expect(run()).rejects.toMatchObject({ code: "POP3_PROTOCOL_ERROR", message: expect.stringContaining("without a valid unique id") });

    onCommand = null;
    proxy.severRetrAfter = 500;
    await expect(run()).rejects.toMatchObject({ code: "MAIL_SERVER_UNREACHABLE" });
    proxy.severRetrAfter = null;

    await expect(syncPop3Account({ user: u.email, password: "changed-elsewhere" }, { cache, server: POP3 })).rejects.toMatchObject({ code: "AUTH_FAILED" });
    await expect(syncPop3Account(u.creds, { cache, server: { host: "127.0.0.1", port: 1, tls: false } })).rejects.toMatchObject({ code: "MAIL_SERVER_UNREACHABLE" });

    // The background runner records the error in SyncStatus; the cache is untouched by the failures.
    const before = await cachedHashes(cache, u.email);
    startSync({ user: u.email, password: "changed-elsewhere" }, "manual", { cache, server: POP3 });
    expect(startSync({ user: u.email, password: "changed-elsewhere" }, "manual", { cache, server: POP3 }).state).toBe("running"); // one at a time
    const failed = await waitForSync(u.email);
    expect(failed).toMatchObject({ state: "error", error: { code: "AUTH_FAILED" } });
    expect(await cachedHashes(cache, u.email)).toEqual(before);

    startSync(u.creds, "manual", { cache, server: POP3 });
    expect(await waitForSync(u.email)).toMatchObject({ state: "idle", error: null, done: 4, total: 4 });
    expect(getSyncStatus(u.email).state).toBe("idle");
    expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
  });

  it("one sync per account at a time across processes: a second one is refused (SYNC_ALREADY_RUNNING) or waits, then has nothing to do", async () => {
    const { u, mail } = await setup(38, "keep", 150, 3801);
    const attempts: Promise<unknown>[] = [];
    // A second sync (another process's, as far as the lock can tell: another owner) while the first is downloading.
    const first = syncPop3Account(u.creds, {
      cache,
      server: POP3,
      onProgress: () => {
        if (attempts.length) return;
        attempts.push(syncPop3Account(u.creds, { cache, server: POP3 }).then(() => "ran", (e: { code?: string }) => e.code));
        startSync(u.creds, "manual", { cache, server: POP3 }); // the app's runner, beside a CLI worker
        attempts.push(waitForSync(u.email));
        attempts.push(syncPop3Account(u.creds, { cache, server: POP3, lockWaitMs: 60_000 }));
      },
    });
    expect(await first).toMatchObject({ fetched: 150 });
    const [refused, runner, waited] = await Promise.all(attempts);
    expect(refused).toBe("SYNC_ALREADY_RUNNING");
    expect(runner).toMatchObject({ state: "error", error: { code: "SYNC_ALREADY_RUNNING" } });
    expect(waited).toMatchObject({ fetched: 0, skipped: 150 }); // ran after the first: nothing downloaded twice
    expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
    expect((cache.store as SqliteCacheStore).db.prepare("SELECT count(*) AS n FROM locks").get()).toEqual({ n: 0 }); // all released
  });

  it("each message is readable as soon as it is committed (group commit), before the sync ends", async () => {
    // More than one batch (sync.ts BATCH = 64): progress reports committed messages, and those are readable.
    const { u } = await setup(14, "keep", 150, 1403);
    const db = (cache.store as SqliteCacheStore).db;
    const seen: [number, number][] = [];
    await syncPop3Account(u.creds, {
      cache,
      server: POP3,
      // Read straight from the database while the sync is still running.
      onProgress: (p) => void seen.push([p.done, (db.prepare("SELECT count(*) AS n FROM messages WHERE account = ?").get(u.email) as { n: number }).n]),
    });
    for (const [done, rows] of seen) expect(rows).toBe(done);
    expect(seen.some(([done]) => done > 0 && done < 150)).toBe(true);
    const page = await new Pop3Store(cache, u.email).listMessages("INBOX", { limit: 200 });
    expect(page.total).toBe(150);
  });

  it("lists new mail from its headers as the full parse would; the indexer then adds attachments and body text", async () => {
    const { u } = await setup(14, "keep", 12, 1404); // message 7 carries an attachment
    await syncPop3Account(u.creds, { cache, server: POP3 });
    expect((await cache.store.pendingIndex(u.email, 100)).length).toBe(12);
    const { rows } = await cache.store.listMessages(u.email, "INBOX", { limit: 50 });
    for (const row of rows) {
      const full = await readMessageMeta(() => cache.blobs.open(row.sha256), 0);
      expect({ subject: row.subject, from: row.from, to: row.to, cc: row.cc, replyTo: row.replyTo, messageId: row.messageId, date: row.date, has: row.hasAttachments })
        .toEqual({ subject: full.subject, from: full.from, to: full.to, cc: full.cc, replyTo: full.replyTo, messageId: full.messageId, date: full.date, has: full.attachments.length > 0 });
    }
    const big = rows.find((r) => r.hasAttachments)!;
    expect(big.attachments).toEqual([]); // not indexed yet; opening it indexes it
    expect((await new Pop3Store(cache, u.email).getMessage("INBOX", big.uid, { peek: true })).attachments).toHaveLength(1);

    const word = (await readMessageMeta(() => cache.blobs.open(rows[0]!.sha256), 0)).searchText.match(/[a-z]{6,}/i)![0];
    const search = () => cache.store.listMessages(u.email, "INBOX", { limit: 50, search: { text: word, field: "all" } });
    expect(await indexPending(cache, u.email)).toBe(11);
    expect((await cache.store.pendingIndex(u.email, 100)).length).toBe(0);
    expect((await search()).rows.map((r) => r.uid)).toContain(rows[0]!.uid);
    expect((await cache.store.getMessage(u.email, "INBOX", big.uid))!.attachments).toHaveLength(1);
  });
});
