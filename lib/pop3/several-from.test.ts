import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { Pop3Store } from "@/lib/pop3/pop3-store";

// Issue 10 point 8 for POP3 accounts: a forged second From header must reach the reading pane's warning.
const A = "t226@example.test";
let cache: Cache;
afterEach(() => closeCache(cache.dataDir));

async function stored(raw: string) {
  cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-from-")));
  await cache.store.ensureAccount(A);
  const tmp = await writeTemp(cache, Readable.from([Buffer.from(raw)]), "test");
  await storeMessage(cache, tmp, { account: A, folderPath: "INBOX" });
  const store = new Pop3Store(cache, A);
  const list = await store.listMessages("INBOX", { limit: 5 });
  return { store, summary: list.messages[0]! };
}

const head = "To: t226@example.test\r\nSubject: Pay now\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\nMessage-ID: <two-from@x>\r\n";

describe("POP3 cache keeps every From header", () => {
  it("lists and opens a message with two From headers with both senders", async () => {
    const { store, summary } = await stored(`From: Bank <bank@bank.test>\r\nFrom: Crook <crook@evil.test>\r\n${head}\r\nPay.\r\n`);
    expect(summary.from).toEqual({ name: "Bank", address: "bank@bank.test" });
    expect(summary.fromHeaders).toBe(2);
    expect(summary.fromAll?.map((a) => a.address)).toEqual(["bank@bank.test", "crook@evil.test"]);
    const detail = await store.getMessage("INBOX", summary.uid, { peek: true });
    expect(detail.fromAll?.map((a) => a.address)).toEqual(["bank@bank.test", "crook@evil.test"]);
  });

  it("keeps a single From as before (no fromAll)", async () => {
    const { summary } = await stored(`From: Bank <bank@bank.test>\r\n${head}\r\nPay.\r\n`);
    expect(summary.from).toEqual({ name: "Bank", address: "bank@bank.test" });
    expect(summary.fromAll).toBeUndefined();
  });
});
