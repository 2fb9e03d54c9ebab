import { afterEach, describe, expect, it } from "vitest";
import type { Cache } from "@/lib/cache/open-cache";
import { syncPop3Account } from "@/lib/pop3/sync";
import { getSyncStatus, startSync, waitForSync } from "@/lib/pop3/sync-runner";
import { cachedHashes, deliver, dropCache, freshCache, POP3, resetServer, serverHashes, sha256, user } from "@/lib/pop3/testing/fixtures";

/*
 * Issue 9 §9: the account's storage quota (ACCOUNT_STORAGE_MAX_MB, here a tiny one per call). A sync
 * takes new messages while they fit; the rest stay on the POP3 server, never DELE'd, even under the
 * "delete" policy, and the sync says the quota is reached.
 */
let cache: Cache;
afterEach(() => {
  if (cache) dropCache(cache);
});

const KB = 1024;
function message(to: string, i: number): Buffer {
  return Buffer.from(`From: quota@example.test\r\nTo: ${to}\r\nSubject: quota ${i}\r\nMessage-ID: <quota-${i}@example.test>\r\nDate: Mon, 02 Nov 2026 10:0${i}:00 +0000\r\n\r\n${`line ${i} `.repeat(1000)}\r\n`);
}

describe("POP3 sync within the account's storage quota (real Dovecot)", () => {
  it("downloads what fits, leaves the rest on the server (no DELE under policy delete), and reports STORAGE_QUOTA_EXCEEDED", async () => {
    const u = user(73);
    await resetServer(u);
    cache = freshCache();
    await cache.store.saveSettings(u.email, { policy: "delete", keepDays: 14, intervalSeconds: 60 });
    const mail = Array.from({ length: 6 }, (_, i) => message(u.email, i));
    await deliver(u, mail);
    // Room for three messages and half of a fourth.
    const limit = mail[0]!.length + mail[1]!.length + mail[2]!.length + Math.floor(mail[3]!.length / 2);
    expect(limit).toBeGreaterThan(20 * KB);

    const err = await syncPop3Account(u.creds, { cache, server: POP3, storageLimitBytes: limit }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "STORAGE_QUOTA_EXCEEDED", message: expect.stringMatching(/3 new messages were downloaded; 3 more stay on the mail server/) });
    expect(await cachedHashes(cache, u.email)).toEqual(mail.slice(0, 3).map(sha256).sort());
    // The three that did not fit are still on the server: the downloaded ones were deleted per policy, these never.
    expect(await serverHashes(u)).toEqual(mail.slice(3).map(sha256).sort());

    // Through the runner the app uses, the status says so in words.
    startSync(u.creds, "manual", { cache, server: POP3, storageLimitBytes: limit });
    const status = await waitForSync(u.email);
    expect(status.state).toBe("error");
    expect(status.error).toMatchObject({ code: "STORAGE_QUOTA_EXCEEDED", message: expect.stringMatching(/storage on this server is full/) });
    expect(getSyncStatus(u.email).error?.code).toBe("STORAGE_QUOTA_EXCEEDED");
    expect(await serverHashes(u)).toEqual(mail.slice(3).map(sha256).sort());

    // With room again, the next sync takes the rest: nothing was lost.
    const res = await syncPop3Account(u.creds, { cache, server: POP3, storageLimitBytes: 10 * 1024 * KB });
    expect(res.fetched).toBe(3);
    expect(await cachedHashes(cache, u.email)).toEqual(mail.map(sha256).sort());
    expect(await serverHashes(u)).toEqual([]);
  });
});
