import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { AccountPool, accountKey } from "@/lib/imap/pool";
import { connectImap } from "@/lib/imap/connect";
import { loadEnv } from "@/lib/env";
import { getMessage, renderBody } from "@/lib/imap/get-message";
import { openAttachment } from "@/lib/imap/open-attachment";
import type { BodyBlock } from "@/lib/shared/types";
import { bigForward, encodedForward } from "@/e2e/fixtures/big-parts";

// Issue 10's remaining gaps over IMAP, against the real Dovecot: a message over the 4 MB whole-fetch limit shows every
// inline part, its forwarded messages as blocks with their own attachments, repaired charsets and 8-bit names; the
// parts of a base64-encoded forwarded message download (Dovecot has no part number for them).
const creds = { user: "t226@example.test", password: "test-pass" };
const env = loadEnv();
let client: ImapFlow;
let pool: AccountPool;
const uids: Record<string, number> = {};

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
}

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: env.IMAP_PORT, secure: false, auth: { user: creds.user, pass: creds.password }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: creds.user, password: creds.password });
  await client.connect();
  for (const [name, raw] of Object.entries({ big: bigForward(), encoded: encodedForward() })) {
    const res = await client.append("INBOX", raw);
    uids[name] = res && typeof res === "object" ? res.uid! : 0;
  }
  pool = new AccountPool(accountKey(creds), creds, 2, connectImap, { acquireTimeoutMs: 10_000 });
});

afterAll(async () => {
  await client?.logout().catch(() => client.close());
  await pool?.close?.();
});

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
