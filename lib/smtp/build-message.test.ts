import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { buildMessage, envelopeRecipients, parseOriginalHeader, type OutgoingMessage } from "@/lib/smtp/build-message";

const headerBlock = (raw: Buffer) => raw.toString("utf8").split(/\r\n\r\n/)[0]!;

function message(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: { name: "Alice", address: "alice@example.test" },
    to: [{ name: "Bob", address: "bob@example.test" }],
    cc: [],
    bcc: [{ name: "", address: "secret@example.test" }],
    subject: "Plan",
    html: "<p>Hello <strong>Bob</strong></p><blockquote><p>old</p></blockquote>",
    attachments: [],
    inReplyTo: "<orig@example.test>",
    references: ["<root@example.test>", "<orig@example.test>"],
    messageId: "<new@example.test>",
    date: new Date("2026-11-26T12:00:00Z"),
    ...over,
  };
}

describe("buildMessage", () => {
  it("sends only the composer's vocabulary: no script, handler, form, remote image or javascript: link", async () => {
    const html = '<p onclick="x()">Hi <a href="javascript:alert(1)">bad</a> <a href="https://example.test/a">good</a></p><script>steal()</script><img src="https://tracker.test/p.gif"><form action="https://evil.test"><input name="p"></form><style>p{}</style>';
    const parsed = await simpleParser(await buildMessage(message({ html }), { keepBcc: false }));
    const out = String(parsed.html);
    expect(out).not.toMatch(/script|steal|onclick|javascript:|tracker\.test|<form|<input|<style|<img/i);
    expect(out).toContain('<a href="https://example.test/a">good</a>');
    expect(parsed.text).toContain("Hi bad good");
  });

  it("builds text + HTML alternatives with threading headers", async () => {
    const raw = await buildMessage(message(), { keepBcc: false });
    const head = headerBlock(raw);
    expect(head).toMatch(/^In-Reply-To: <orig@example\.test>$/m);
    expect(head).toMatch(/^References: <root@example\.test> <orig@example\.test>$/m);
    expect(head).toMatch(/^Message-ID: <new@example\.test>$/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative/m);
    const parsed = await simpleParser(raw);
    expect(parsed.text?.trim()).toBe("Hello Bob\n\n> old");
    expect(parsed.html).toContain("<strong>Bob</strong>");
    expect(parsed.from?.value[0]).toMatchObject({ name: "Alice", address: "alice@example.test" });
  });

  it("leaves Bcc out of the wire copy and keeps it in the stored copy", async () => {
    expect(headerBlock(await buildMessage(message(), { keepBcc: false }))).not.toMatch(/^Bcc:/im);
    expect(headerBlock(await buildMessage(message(), { keepBcc: true }))).toMatch(/^Bcc: secret@example\.test$/m);
    expect(envelopeRecipients(message({ cc: [{ name: "", address: "BOB@example.test" }] }))).toEqual(["bob@example.test", "secret@example.test"]);
  });

  it("neutralises CR/LF in the subject, names and filenames: no header is added", async () => {
    const raw = await buildMessage(
      message({
        subject: "Hi\r\nBcc: evil@example.test",
        from: { name: "Alice\r\nBcc: evil2@example.test", address: "alice@example.test" },
        to: [{ name: "Bob\nX-Evil: 1", address: "bob@example.test" }],
        bcc: [],
      }),
      { keepBcc: true },
    );
    const head = headerBlock(raw);
    expect(head).not.toMatch(/^Bcc:/im);
    expect(head).not.toMatch(/^X-Evil:/im);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe("Hi Bcc: evil@example.test");
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has("x-evil")).toBe(false);
  });

  it("attaches files byte-identical, and a forwarded message as message/rfc822", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mr-att-"));
    const bytes = randomBytes(100_000);
    writeFileSync(path.join(dir, "a.bin"), bytes);
    const original = Buffer.from("From: x@example.test\r\nSubject: Orig\r\nMessage-ID: <o@x>\r\n\r\nBody ü\r\n");
    writeFileSync(path.join(dir, "o.eml"), original);
    const raw = await buildMessage(
      message({
        attachments: [
          { filename: "data.bin", contentType: "application/octet-stream", path: path.join(dir, "a.bin") },
          { filename: "Orig.eml", contentType: "message/rfc822", path: path.join(dir, "o.eml") },
        ],
      }),
      { keepBcc: false },
    );
    expect(headerBlock(raw)).toMatch(/^Content-Type: multipart\/mixed/m);
    const parsed = await simpleParser(raw);
    const bin = parsed.attachments.find((a) => a.filename === "data.bin")!;
    expect(createHash("sha256").update(bin.content).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(raw.toString("utf8")).toContain("Content-Type: message/rfc822");
    expect(raw.includes(original)).toBe(true);
  });

  it("marks drafts with the original they answer, and reads it back", async () => {
    const raw = await buildMessage(message({ original: { folder: "Team/Ärger", uid: 42, mode: "replyAll" } }), { keepBcc: true, draft: true });
    const parsed = await simpleParser(raw);
    const v = parsed.headers.get("x-mailroom-original");
    expect(parseOriginalHeader(String(v))).toEqual({ folder: "Team/Ärger", uid: 42, mode: "replyAll" });
    expect(headerBlock(await buildMessage(message({ original: { folder: "INBOX", uid: 1, mode: "reply" } }), { keepBcc: false }))).not.toMatch(/X-Mailroom/i);
  });
});
