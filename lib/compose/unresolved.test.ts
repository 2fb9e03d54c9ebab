import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { saveDraft } from "@/lib/compose/send-message";
import { prefill } from "@/lib/compose/prefill";
import { composeSchema } from "@/lib/compose/compose-input";
import { SqliteIdentityStore, setIdentityStore } from "@/lib/settings/identity-store";
import type { MailSession } from "@/lib/auth/session";

// Issue 12 point 13: recipients that are not addresses yet stay in the draft as chips, never dropped.
const A = "t289@example.test";
let cache: Cache;
afterEach(() => {
  closeCache(cache.dataDir);
  setIdentityStore(null);
});

describe("unresolved recipients in drafts", () => {
  it("saves entries that are not addresses with the draft and gives them back when it is reopened", async () => {
    cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-unresolved-")));
    setIdentityStore(new SqliteIdentityStore(new Database(":memory:")));
    const store = new Pop3Store(cache, A);
    const session = { email: A, name: A, sid: "s", protocol: "pop3" } as MailSession;
    const body = composeSchema.parse({
      to: ["Carol Chen <carol@example.test>", "car"], cc: ["bob@", "dana@example.test"], bcc: ["x; y\r\nBcc: evil@example.test"],
      subject: "Plan", html: "<p>hi</p>", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: "0123456789abcdef0123456789abcdef",
    });
    const saved = await saveDraft(session, store, body);
    const raw = (await store.readRaw("Drafts", saved.uid, 1e6)).toString();
    expect(raw).not.toMatch(/^Bcc: evil/m);
    const back = await prefill(session, store, { folder: "Drafts", uid: saved.uid, mode: "draft" });
    expect(back.to).toEqual(["Carol Chen <carol@example.test>", "car"]);
    expect(back.cc).toEqual(["dana@example.test", "bob@"]);
    expect(back.bcc).toEqual(["x; y Bcc: evil@example.test"]);
  });
});
