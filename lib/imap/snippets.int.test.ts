import { ImapFlow } from "imapflow";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";

// Against the real Dovecot: every row of a page carries the first words of its text (issue 12 point 1).
const user = "t241@example.test";
let client: ImapFlow;
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const head = (subject: string, minute: number) => `From: Alice <alice@example.test>\nTo: t241@example.test\nSubject: ${subject}\nDate: Tue, 01 Dec 2026 09:${String(minute).padStart(2, "0")}:00 +0000\nMIME-Version: 1.0\n`;

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: user, password: "test-pass" });
  await client.connect();
  const long = "Lorem ipsum dolor sit amet. ".repeat(400);
  await client.append("INBOX", Buffer.from(crlf(`${head("Plain", 1)}Content-Type: text/plain; charset=utf-8\n\nSee you at ten.\n\nOn Mon, Alice wrote:\n> Meet?\n-- \nBob\n`)));
  await client.append("INBOX", iconv.encode(crlf(`${head("Latin", 2)}Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nCafé à Genève demain\n`), "latin1"));
  const b64 = Buffer.from(`<html><body><p>Bonjour&nbsp;à tous</p><blockquote>old</blockquote>${long}</body></html>`).toString("base64").replace(/.{76}/g, "$&\n");
  await client.append("INBOX", Buffer.from(crlf(`${head("Alternative", 3)}Content-Type: multipart/mixed; boundary=b1\n\n--b1\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${b64}\n--b1\nContent-Type: application/pdf; name=a.pdf\nContent-Disposition: attachment; filename=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--b1--\n`)));
  const qp = `Long =C3=A9t=C3=A9 text ${long}`.replace(/.{70}/g, "$&=\n");
  await client.append("INBOX", Buffer.from(crlf(`${head("Quoted printable", 4)}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${qp}\n`)));
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

describe("row snippets from a partial fetch", () => {
  it("gives every row its first words, decoded, quotes and signature skipped", async () => {
    const page = await listMessages(client, `${user}-snip`, "INBOX", { limit: 50 });
    const by = new Map(page.messages.map((m) => [m.subject, m.snippet]));
    expect(by.get("Plain")).toBe("See you at ten.");
    expect(by.get("Latin")).toBe("Café à Genève demain");
    expect(by.get("Alternative")).toMatch(/^Bonjour à tous Lorem ipsum/);
    expect(by.get("Quoted printable")).toMatch(/^Long été text Lorem ipsum/);
    expect(by.get("Quoted printable")!.length).toBeLessThanOrEqual(101);
  });
});
