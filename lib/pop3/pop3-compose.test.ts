import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { Pop3Store } from "@/lib/pop3/pop3-store";

// Compose on a POP3 account: drafts and sent copies live in the cache's own Drafts and Sent.
const A = "t98@example.test";
let cache: Cache;
afterEach(() => closeCache(cache.dataDir));

const draft = (id: string, body: string) => Buffer.from(`From: ${A}\r\nTo: bob@example.test\r\nSubject: Plan\r\nMessage-ID: ${id}\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\n${body}\r\n`);

describe("Pop3Store compose", () => {
  it("keeps one draft per message however saves race, and stores the sent copy", async () => {
    cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-compose-")));
    const s = new Pop3Store(cache, A);
    const id = "<draft.abcdef0123456789@example.test>";
    const first = await s.saveDraft(draft(id, "one"), { uid: null, messageId: id });
    expect(first.folder).toBe("Drafts");
    // Two saves that both think they replace the first (autosave and the save on closing the tab).
    const a = await s.saveDraft(draft(id, "two"), { uid: first.uid, messageId: id });
    const b = await s.saveDraft(draft(id, "three"), { uid: first.uid, messageId: id });
    const left = (await s.listMessages("Drafts", { limit: 10 })).messages.map((m) => m.uid);
    expect(left).toEqual([b.uid]);
    expect(a.uid).toBeLessThan(b.uid);
    expect((await s.readRaw("Drafts", b.uid, 1e6)).toString()).toContain("three");
    // Another message's draft is left alone.
    const other = await s.saveDraft(draft("<draft.zzzzzzzz99999999@example.test>", "x"), { uid: null, messageId: "<draft.zzzzzzzz99999999@example.test>" });
    await s.deleteDraft({ uid: null, messageId: id });
    expect((await s.listMessages("Drafts", { limit: 10 })).messages.map((m) => m.uid)).toEqual([other.uid]);

    expect(await s.appendSent(draft("<sent@x>", "sent"))).toBe("Sent");
    expect((await s.listMessages("Sent", { limit: 10 })).messages).toHaveLength(1);
  });

  it("marks a replied message answered and suggests recent people", async () => {
    cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-compose-")));
    const s = new Pop3Store(cache, A);
    await cache.store.ensureAccount(A);
    const raw = Buffer.from(`From: Carol <carol@example.test>\r\nTo: ${A}\r\nSubject: Hi\r\nMessage-ID: <c1@x>\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\nhello\r\n`);
    const { uid } = await storeMessage(cache, await writeTemp(cache, Readable.from([raw]), "test"), { account: A, folderPath: "INBOX" });
    await s.markReplied("INBOX", uid!, "answered");
    expect((await s.getMessage("INBOX", uid!, { peek: true })).answered).toBe(true);
    expect(await s.recentAddresses()).toContainEqual({ name: "Carol", address: "carol@example.test" });
    await expect(s.readRaw("INBOX", uid!, 10)).rejects.toMatchObject({ code: "ATTACHMENT_TOO_LARGE" });
  });
});
