import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImapFlow } from "imapflow";
import { connectImap } from "@/lib/imap/connect";
import { getMessage, renderBody } from "@/lib/imap/get-message";
import { findStructurePart } from "@/lib/imap/body-structure";
import type { BodyBlock } from "@/lib/shared/types";
import * as fx from "@/e2e/fixtures/mime-parts";

// Issue 10 points 1–3 against the real Dovecot: our part numbers are Dovecot's, forwarded messages and
// their parts download by them, and a message over the whole-fetch limit still shows its cid: image.
const creds = { user: "t82@example.test", password: "test-pass" };
let client: ImapFlow;
const uids: Record<string, number> = {};

beforeAll(async () => {
  client = await connectImap(creds);
  const lock = await client.getMailboxLock("INBOX");
  try {
    await client.messageDelete("1:*", { uid: true }).catch(() => undefined);
  } finally {
    lock.release();
  }
  for (const [name, raw] of Object.entries({ inline: fx.forwardInline(), attached: fx.forwardAttachment(), odd: fx.oddAttachments(), big: fx.bigWithCid() })) {
    const res = await client.append("INBOX", Buffer.from(raw));
    uids[name] = (res as { uid: number }).uid;
  }
});
afterAll(async () => {
  await client?.logout();
});

async function download(uid: number, part: string): Promise<Buffer> {
  const dl = await client.download(String(uid), part, { uid: true });
  const chunks: Buffer[] = [];
  for await (const c of dl.content!) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function structure(uid: number) {
  const lock = await client.getMailboxLock("INBOX");
  try {
    const msg = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
    if (!msg) throw new Error(`message ${uid} is gone`);
    return msg.bodyStructure;
  } finally {
    lock.release();
  }
}

const messageBlock = (blocks: BodyBlock[] | undefined) => blocks?.find((b) => b.kind === "message") as Extract<BodyBlock, { kind: "message" }>;

describe("message parts over IMAP", () => {
  it("lists a forwarded message's attachment under it, by a part id Dovecot serves", async () => {
    const detail = await getMessage(client, "it", "INBOX", uids.inline!, true);
    expect(detail.attachments).toEqual([]);
    const fwd = messageBlock(detail.blocks);
    expect(fwd.header.subject).toBe("Quarterly numbers — Q3");
    const pdf = fwd.attachments[0]!;
    expect(findStructurePart(await structure(uids.inline!), pdf.partId)).toEqual({ filename: "q3-report.pdf", contentType: "application/pdf" });
    expect((await download(uids.inline!, pdf.partId)).toString()).toBe("%PDF-1.4 fake");
  });

  it("serves a forwarded message as <name>.eml", async () => {
    const detail = await getMessage(client, "it", "INBOX", uids.attached!, true);
    const fwd = messageBlock(detail.blocks);
    expect(findStructurePart(await structure(uids.attached!), fwd.partId)).toEqual({ filename: "lunch.eml", contentType: "message/rfc822" });
    expect((await download(uids.attached!, fwd.partId)).toString()).toContain("Subject: Lunch on Friday");
    // Its single-part body is "2.1" for Dovecot, whatever number imapflow gives it.
    expect(findStructurePart(await structure(uids.attached!), "2.1")?.contentType).toBe("text/html");
    expect((await download(uids.attached!, "2.1")).toString()).toContain("<b>lunch</b>");
  });

  it("lists every odd attachment with ids Dovecot serves", async () => {
    const detail = await getMessage(client, "it", "INBOX", uids.odd!, true);
    const s = await structure(uids.odd!);
    expect(detail.attachments.map((a) => a.filename)).toEqual(["unreferenced.png", "only-name.dat", "attachment-3.gif", "photo.png"]);
    for (const a of detail.attachments) expect(findStructurePart(s, a.partId)?.contentType).toBe(a.contentType);
  });

  it("shows the cid: image of a message over 4 MB, fetched by its part alone", async () => {
    const detail = await getMessage(client, "it", "INBOX", uids.big!, true);
    expect(detail.size).toBeGreaterThan(4 * 1024 * 1024);
    expect(detail.blocks?.[0]?.kind).toBe("html");
    expect(detail.attachments.map((a) => a.filename)).toEqual(["padding.bin"]);
    const body = await renderBody(client, "it", "INBOX", uids.big!, false, 0);
    expect(body.html).toContain(`src="data:image/png;base64,${fx.PNG_1X1}"`);
  });
});
