import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { decodeHeaderBlock, splitHeaderFields } from "@/lib/mime/raw-headers";
import { readHeadMeta } from "@/lib/pop3/message-head";

const latin1 = (s: string) => iconv.encode(s.replace(/\n/g, "\r\n"), "latin1");

describe("raw header fields", () => {
  it("unfolds and keeps every occurrence in order", () => {
    const f = splitHeaderFields(Buffer.from("From: a@x.org\r\nSubject: one\r\n two\r\nFrom: b@y.org\r\n\r\nbody"));
    expect(f.map((x) => [x.name, x.bytes.toString()])).toEqual([["from", "a@x.org"], ["subject", "one two"], ["from", "b@y.org"]]);
  });

  it("decodes raw 8-bit Latin-1 names and subjects with accents", () => {
    const h = decodeHeaderBlock(latin1("From: José Müller <jose@example.com>\nTo: Zoë <zoe@example.com>, \"Doe, Ann\" <ann@example.com>\nSubject: Réunion à Genève\n\n"));
    expect(h.subject).toBe("Réunion à Genève");
    expect(h.from).toEqual([{ name: "José Müller", address: "jose@example.com" }]);
    expect(h.to).toEqual([{ name: "Zoë", address: "zoe@example.com" }, { name: "Doe, Ann", address: "ann@example.com" }]);
    expect(h.eightBit).toBe(true);
  });

  it("uses the body's charset as the first guess", () => {
    const block = Buffer.concat([Buffer.from("Subject: "), iconv.encode("Отчёт", "windows-1251"), Buffer.from("\r\n\r\n")]);
    expect(decodeHeaderBlock(block, "windows-1251").subject).toBe("Отчёт");
  });

  it("keeps an encoded word's comma inside the name", () => {
    const h = decodeHeaderBlock(Buffer.from("From: =?utf-8?Q?Doe=2C_J=C3=B6rg?= <j@example.com>\r\n\r\n"));
    expect(h.from).toEqual([{ name: "Doe, Jörg", address: "j@example.com" }]);
    expect(h.eightBit).toBe(false);
  });

  it("reads punycode domains in Unicode, so the sender check can show both forms", () => {
    const h = decodeHeaderBlock(Buffer.from("From: PayPal <service@xn--pypal-4ve.com>\r\n\r\n"));
    expect(h.punycode).toBe(true);
    expect(h.from[0].address).toBe("service@p\u0430ypal.com");
  });

  it("counts several From headers", () => {
    const h = decodeHeaderBlock(Buffer.from("From: Bank <service@bank.example>\r\nFrom: thief@evil.example\r\n\r\n"));
    expect(h.fromHeaders).toBe(2);
    expect(h.from.map((a) => a.address)).toEqual(["service@bank.example", "thief@evil.example"]);
  });
});

describe("POP3 header meta", () => {
  it("decodes raw Latin-1 the same way as the IMAP list", () => {
    const meta = readHeadMeta(latin1("From: José Müller <jose@example.com>\nSubject: Réunion à Genève\nDate: Tue, 1 Dec 2026 10:00:00 +0000\nContent-Type: text/plain; charset=iso-8859-1\n\nx"), 0);
    expect(meta?.subject).toBe("Réunion à Genève");
    expect(meta?.from).toEqual({ name: "José Müller", address: "jose@example.com" });
    expect(meta?.subject).not.toContain("\ufffd");
  });
});
