import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// Before any import reads the configuration: this suite runs with DATABASE_URL set, as a deployment would.
vi.hoisted(() => {
  if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
});

import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { FileBlobStore } from "@/lib/cache/blob-store";
import { PgCacheStore } from "@/lib/cache/pg-store";
import { PgDb } from "@/lib/db/pg";
import { closeSharedPg, sharedPg } from "@/lib/db/backend";
import { syncPop3Account } from "@/lib/pop3/sync";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { cachedHashes, corpus, deliver, POP3, resetServer, serverCount, sha256, user } from "@/lib/pop3/testing/fixtures";

const URL_ = process.env.TEST_DATABASE_URL ?? "";
const pools: PgDb[] = [];
afterAll(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await closeSharedPg();
});

/** Rows a previous run left for this test user (the shared database outlives a run; the mailbox is reset). */
async function forget(account: string) {
  const db = sharedPg();
  await db.query("DELETE FROM pop3_ledger WHERE account = $1", [account]);
  await db.query("DELETE FROM messages WHERE account = $1", [account]);
  await db.query("DELETE FROM folders WHERE account = $1", [account]);
  await db.query("DELETE FROM accounts WHERE account = $1", [account]);
  await db.query("DELETE FROM locks WHERE name LIKE $1", [`%${account}`]);
}

/** Another Mailroom instance: its own pool on the same database, the same MAILROOM_DATA_DIR volume. */
function otherInstance(cache: Cache): Cache {
  const db = new PgDb({ url: URL_ });
  pools.push(db);
  return { store: new PgCacheStore(db), blobs: new FileBlobStore(cache.dataDir), dataDir: cache.dataDir };
}

describe.runIf(!!URL_)(URL_ ? "POP3 sync with DATABASE_URL (real Dovecot + PostgreSQL)" : "POP3 sync with DATABASE_URL (skipped: TEST_DATABASE_URL unset)", () => {
  it("the cache's metadata lands in PostgreSQL: sync, list, search, flags; deleting here deletes on the server", async () => {
    const u = user(191);
    await resetServer(u);
    await forget(u.email);
    const cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-pop3-pg-")));
    try {
      expect(cache.store).toBeInstanceOf(PgCacheStore); // chosen by the factory from DATABASE_URL
      await cache.store.saveSettings(u.email, { policy: "delete-when-deleted", keepDays: 14, intervalSeconds: 60 });
      const mail = corpus(5, 19101, u.email);
      await deliver(u, mail);
      expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ onServer: 5, fetched: 5 });
      expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
      const rows = await sharedPg().query<{ n: number }>("SELECT count(*) AS n FROM messages WHERE account = $1", [u.email]);
      expect(rows.rows[0]!.n).toBe(5);

      const store = new Pop3Store(cache, u.email);
      const page = await store.listMessages("INBOX", { limit: 10 });
      expect(page.total).toBe(5);
      const target = page.messages[2]!;
      const word = target.subject.split(/\s+/).find((w) => /^[\p{L}\p{N}]{4,}$/u.test(w))!;
      const found = await store.listMessages("INBOX", { limit: 10, search: { text: word, field: "subject" } });
      expect(found.messages.map((m) => m.uid)).toContain(target.uid);
      await store.setFlags("INBOX", [target.uid], "flag");
      expect((await store.listMessages("INBOX", { limit: 10 })).messages.find((m) => m.uid === target.uid)).toMatchObject({ flagged: true });

      expect(await store.remove("INBOX", [target.uid])).toBe("Trash");
      const inTrash = (await store.listMessages("Trash", { limit: 5 })).messages[0]!.uid;
      await store.remove("Trash", [inTrash]);
      expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ fetched: 0, deleted: 1 });
      expect(await serverCount(u)).toBe(4);
    } finally {
      closeCache(cache.dataDir);
    }
  });

  it("two instances on one database and one data volume: one sync at a time, no duplicates, each sees the other's mail", async () => {
    const u = user(192);
    await resetServer(u);
    await forget(u.email);
    const a = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-pop3-pg-")));
    const b = otherInstance(a);
    try {
      await a.store.saveSettings(u.email, { policy: "keep", keepDays: 14, intervalSeconds: 60 });
      const mail = corpus(30, 19201, u.email);
      await deliver(u, mail);
      // Both start at once; the lock in PostgreSQL lets one run, the other waits for it and finds nothing new.
      const [ra, rb] = await Promise.all([
        syncPop3Account(u.creds, { cache: a, server: POP3, lockWaitMs: 60_000 }),
        syncPop3Account(u.creds, { cache: b, server: POP3, lockWaitMs: 60_000 }),
      ]);
      expect(ra.fetched + rb.fetched).toBe(30);
      expect(await cachedHashes(b, u.email)).toEqual(mail.map(sha256).sort());
      const onB = await new Pop3Store(b, u.email).listMessages("INBOX", { limit: 50 });
      expect(onB.total).toBe(30);
      const opened = await new Pop3Store(b, u.email).getMessage("INBOX", onB.messages[0]!.uid); // the blob, from the shared volume
      expect(opened.subject).toBe(onB.messages[0]!.subject);
      expect((await new Pop3Store(a, u.email).listMessages("INBOX", { limit: 50 })).messages.find((m) => m.uid === onB.messages[0]!.uid)).toMatchObject({ seen: true });
    } finally {
      closeCache(a.dataDir);
    }
  });

  it("the database going down mid-sync loses nothing: the sync fails with DATABASE_UNAVAILABLE, no message is only gone, the next sync takes the rest once", async () => {
    const u = user(195);
    await resetServer(u);
    await forget(u.email);
    const cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-pop3-pg-")));
    const deadDb = new PgDb({ url: "postgres://mailroom:x@127.0.0.1:1/mailroom", timeoutMs: 500 });
    pools.push(deadDb);
    const dead = new PgCacheStore(deadDb);
    // The real store until its first group commit is done; from then on every insert meets a database that is down.
    let commits = 0;
    const flaky = new Proxy(cache.store, {
      get(target, prop, receiver) {
        if (prop === "insertMessages") {
          return (...args: Parameters<typeof target.insertMessages>) => (commits++ === 0 ? target.insertMessages(...args) : dead.insertMessages(args[0], args[1]));
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    try {
      await cache.store.saveSettings(u.email, { policy: "delete", keepDays: 14, intervalSeconds: 60 });
      const mail = corpus(400, 19501, u.email);
      await deliver(u, mail);
      const failed = await syncPop3Account(u.creds, { cache: { ...cache, store: flaky }, server: POP3 }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
      const stored = (await cache.store.usage(u.email)).messages;
      expect(commits).toBeGreaterThan(1);
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(400);
      // Each message is on the server or in the cache (or both: the cut session never reached QUIT, so its DELEs did not apply).
      expect((await serverCount(u)) + stored).toBeGreaterThanOrEqual(400);
      expect(await syncPop3Account(u.creds, { cache, server: POP3 })).toMatchObject({ fetched: 400 - stored });
      expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
      expect(await serverCount(u)).toBe(0);
    } finally {
      closeCache(cache.dataDir);
    }
  });
});
