import { existsSync, mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-perms-"));
vi.mock("@/lib/env", () => ({ env: () => ({ MAILROOM_DATA_DIR: path.join(dataDir, "data") }) }));
const { closeCache, openCache } = await import("@/lib/cache/open-cache");
const { writeTemp, storeMessage } = await import("@/lib/pop3/ingest");
const { SqliteActivityStore } = await import("@/lib/activity/sqlite-activity-store");
const { appDb } = await import("@/lib/app-db");

const mode = (p: string) => statSync(p).mode & 0o777;

// Made under a loose umask (as a server started without instrumentation's 0077 would be): the modes
// must come from the code, not from the environment.
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

describe("files on disk are private to the server's user", () => {
  it("the POP3 cache: database (+ -wal, -shm) 0600, blob files 0600, their directories 0700", async () => {
    const dir = path.join(dataDir, "cache", "nested");
    const cache = openCache(dir);
    try {
      await cache.store.ensureAccount("t65@example.test");
      const raw = Buffer.from("From: a@example.test\r\nSubject: perms\r\nMessage-ID: <perms@x>\r\n\r\nhello\r\n");
      const tmp = await writeTemp(cache, Readable.from([raw]), "perm-test");
      await storeMessage(cache, tmp, { account: "t65@example.test", folderPath: "INBOX" });
      expect(mode(path.join(dataDir, "cache"))).toBe(0o700);
      expect(mode(dir)).toBe(0o700);
      for (const f of ["mailroom.sqlite", "mailroom.sqlite-wal", "mailroom.sqlite-shm"]) {
        expect(existsSync(path.join(dir, f)), f).toBe(true);
        expect(mode(path.join(dir, f)), f).toBe(0o600);
      }
      const blob = path.join(dir, "blobs", tmp.sha256.slice(0, 2), `${tmp.sha256}.eml`);
      expect(mode(blob)).toBe(0o600);
      expect(mode(path.dirname(blob))).toBe(0o700);
      expect(mode(path.join(dir, "blobs"))).toBe(0o700);
      expect(mode(path.join(dir, "tmp", "perm-test"))).toBe(0o700);
    } finally {
      closeCache(dir);
    }
  });

  it("the activity trail and the app database: 0600 in a 0700 directory", () => {
    const file = path.join(dataDir, "trail", "activity.sqlite");
    new SqliteActivityStore(file);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    appDb();
    expect(mode(path.join(dataDir, "data"))).toBe(0o700);
    expect(mode(path.join(dataDir, "data", "app.sqlite"))).toBe(0o600);
  });
});
