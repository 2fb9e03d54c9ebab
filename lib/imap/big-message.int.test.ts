import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountPool } from "@/lib/imap/pool";
import { fillMailbox, type FilledMailbox } from "@/test/imap-mailbox";
import { readAll as read } from "@/test/read-all";
import { getMessage, renderBody } from "@/lib/imap/get-message";
import { openAttachment } from "@/lib/imap/open-attachment";
import type { BodyBlock } from "@/lib/shared/types";
import { bigForward, encodedForward } from "@/e2e/fixtures/big-parts";

// Issue 10's remaining gaps over IMAP, against the real Dovecot: a message over the 4 MB whole-fetch limit shows every
// inline part, its forwarded messages as blocks with their own attachments, repaired charsets and 8-bit names; the
// parts of a base64-encoded forwarded message download (Dovecot has no part number for them).
const creds = { user: "t226@example.test", password: "test-pass" };
let client: ImapFlow;
let pool: AccountPool;
let uids: Record<string, number>;
let mailbox: FilledMailbox | undefined;

beforeAll(async () => {
  mailbox = await fillMailbox(creds, { big: bigForward(), encoded: encodedForward() });
  ({ client, pool, uids } = mailbox);
});

afterAll(() => mailbox?.close());

const messages = (blocks: BodyBlock[] | undefined) => (blocks ?? []).filter((b) => b.kind === "message") as Extract<BodyBlock, { kind: "message" }>[];

async function download(uid: number, partId: string) {
  const part = await openAttachment(pool, "INBOX", uid, partId);
  return { ...part, bytes: await read(part.stream) };
}

describe("a message over the whole-fetch limit", () => {
  it("shows every inline part in order and its forwarded messages as blocks", async () => {
    const detail = await getMessage(client, "it", "INBOX", uids.big!, true);
    expect(detail.size).toBeGreaterThan(4 * 1024 * 1024);
    expect(detail.blocks?.map((b) => b.kind)).toEqual(["text", "html", "text", "message", "message"]);
    expect(detail.text).toBe("Outer new text first.");
    const footer = detail.blocks![2]!;
    expect(footer.kind === "text" && footer.text).toContain("café crème");
    const html = await renderBody(client, "it", "INBOX", uids.big!, false, 0);
    expect(html.html).toContain("Middle <b>HTML</b> part.");
    const [fwd, enc] = messages(detail.blocks);
    expect(fwd!.header.subject).toBe("Réunion à Genève");
    expect(fwd!.header.from).toEqual([{ name: "José Müller", address: "jose@example.org" }]);
    expect(fwd!.attachments.map((a) => a.filename)).toEqual(["inner-notes.txt"]);
    expect(enc!.header.subject).toBe("Encoded forward");
    expect(enc!.attachments.map((a) => a.filename)).toEqual(["encoded-inner.pdf"]);
  });

  it("lists the outer attachments with real sizes and 8-bit names read by detection, and downloads them", async () => {
    const detail = await getMessage(client, "it", "INBOX", uids.big!, true);
    expect(detail.attachments.map((a) => a.filename)).toEqual(["Résumé détaillé.pdf", "padding.bin"]);
    expect(detail.attachments[1]!.size).toBeGreaterThan(4_000_000);
    const [fwd] = messages(detail.blocks);
    const inner = await download(uids.big!, fwd!.attachments[0]!.partId);
    expect(inner.bytes.toString()).toBe("inner attachment content");
    const resume = await download(uids.big!, detail.attachments[0]!.partId);
    expect(resume.bytes.toString()).toBe("%PDF-1.4 latin name");
    expect(resume.filename).toBe("Résumé détaillé.pdf"); // the download is named as the list shows it
  });

  it("downloads the parts of a base64-encoded forwarded message, big or small", async () => {
    for (const key of ["big", "encoded"]) {
      const detail = await getMessage(client, "it", "INBOX", uids[key]!, true);
      const enc = messages(detail.blocks).find((m) => m.header.subject === "Encoded forward")!;
      const pdf = enc.attachments[0]!;
      const part = await download(uids[key]!, pdf.partId);
      expect(part.filename).toBe("encoded-inner.pdf");
      expect(part.bytes.toString()).toBe("%PDF-1.4 encoded inner");
    }
  });
});
