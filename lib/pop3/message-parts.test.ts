import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import type { BodyBlock } from "@/lib/shared/types";
import * as fx from "@/e2e/fixtures/mime-parts";

// Issue 10 points 1–3 on a POP3 account: the cached message gets the same blocks as over IMAP, and
// its forwarded message and that message's own parts open by the ids the blocks list.
const A = "t83@example.test";
let cache: Cache;
afterEach(() => closeCache(cache.dataDir));

async function stored(raw: string): Promise<{ s: Pop3Store; uid: number }> {
  cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-parts-")));
  await cache.store.ensureAccount(A);
  const { uid } = await storeMessage(cache, await writeTemp(cache, Readable.from([Buffer.from(raw)]), "test"), { account: A, folderPath: "INBOX" });
  return { s: new Pop3Store(cache, A), uid: uid! };
}

async function read(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

describe("Pop3Store message parts", () => {
  it("shows a forwarded message with its own attachment, both downloadable", async () => {
    const { s, uid } = await stored(fx.forwardInline());
    const d = await s.getMessage("INBOX", uid, { peek: true });
    expect(d.attachments).toEqual([]);
    const fwd = d.blocks!.find((b) => b.kind === "message") as Extract<BodyBlock, { kind: "message" }>;
    expect(fwd.blocks).toEqual([{ kind: "text", text: "The numbers are attached, Ada." }]);
    const pdf = await s.openAttachment("INBOX", uid, fwd.attachments[0]!.partId);
    expect(pdf.filename).toBe("q3-report.pdf");
    expect(await read(pdf.stream)).toBe("%PDF-1.4 fake");
    const eml = await s.openAttachment("INBOX", uid, fwd.partId);
    expect(eml.filename).toBe("Quarterly numbers — Q3.eml");
    expect(await read(eml.stream)).toContain("From: Ada Lovelace <ada@example.org>");
  });

  it("serves every html block of text, HTML, text by its index", async () => {
    const { s, uid } = await stored(fx.textHtmlText());
    const d = await s.getMessage("INBOX", uid, { peek: true });
    expect(d.blocks!.map((b) => b.kind)).toEqual(["text", "html", "text"]);
    expect((await s.renderBody("INBOX", uid, { allowRemote: false, block: 0 })).html).toContain("Middle <b>HTML</b> part.");
    await expect(s.renderBody("INBOX", uid, { allowRemote: false, block: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
