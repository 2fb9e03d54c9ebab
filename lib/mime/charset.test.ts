import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { decodeBody, decodeHeaderBytes, detectCharset, metaCharset, resolveCharset } from "@/lib/mime/charset";

const enc = (s: string, cs: string) => iconv.encode(s, cs);

describe("header values in raw 8-bit bytes", () => {
  it.each([
    ["Café Müller à la crème", "latin1"],
    ["Grüße aus Köln – “Angebot”", "windows-1252"],
    ["Привет, мир! Отчёт за квартал", "koi8-r"],
    ["会議の議事録について", "shift_jis"],
  ])("reads %s from %s bytes without replacement characters", (text, cs) => {
    const out = decodeHeaderBytes(enc(text, cs));
    expect(out).toBe(text);
    expect(out).not.toContain("\ufffd");
  });

  it("prefers the body's declared charset when it reads the bytes", () => {
    // The same bytes are valid windows-1251 and KOI8-R; the body says which one the sender used.
    const bytes = enc("Отчёт", "windows-1251");
    expect(decodeHeaderBytes(bytes, "windows-1251")).toBe("Отчёт");
  });

  it("keeps UTF-8 and still decodes RFC 2047 words", () => {
    expect(decodeHeaderBytes(Buffer.from("Zoë =?iso-8859-1?Q?J=F6rg?="))).toBe("Zoë Jörg");
  });

  it("detects Latin-1 for a short name", () => {
    expect(["windows-1252", "iso-8859-1"]).toContain(detectCharset(enc("José", "latin1")));
  });
});

describe("bodies", () => {
  it("decodes ISO-2022-JP, which iconv-lite lacks (e2e/corpus own-charsets/iso-2022-jp)", () => {
    const jis = Buffer.from("\x1b$B$3$s$K$A$O\x1b(B", "latin1");
    expect(decodeBody(jis, "ISO-2022-JP")).toEqual({ text: "こんにちは", charset: "iso-2022-jp", note: null });
  });

  it("reads UTF-16 with a byte-order mark whatever the label", () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), enc("Hello wörld", "utf-16le")]);
    expect(decodeBody(buf, "utf-8").text).toBe("Hello wörld");
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), enc("Hello wörld", "utf-16be")]);
    expect(decodeBody(be, null).text).toBe("Hello wörld");
  });

  it("reads UTF-16 without a byte-order mark, labelled or not", () => {
    expect(decodeBody(enc("Hello wörld, plain text here", "utf-16le"), "utf-16").text).toBe("Hello wörld, plain text here");
    expect(decodeBody(enc("Hello wörld, plain text here", "utf-16be"), "utf-16").text).toBe("Hello wörld, plain text here");
    expect(decodeBody(enc("Hello wörld, plain text here", "utf-16le"), null).charset).toBe("utf-16le");
  });

  it("uses an HTML <meta> charset when the part names none", () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>Café</body></html>`;
    expect(metaCharset(enc(html, "latin1"))).toBe("iso-8859-1");
    const out = decodeBody(enc(html, "latin1"), null, { html: true });
    expect(out.text).toContain("Café");
    expect(decodeBody(enc(`<meta charset="koi8-r"><p>Привет</p>`, "koi8-r"), "", { html: true }).text).toContain("Привет");
  });

  it("falls back sensibly on an unknown charset and says which it used", () => {
    const out = decodeBody(enc("Crème brûlée", "windows-1252"), "latin-1x");
    expect(out.text).toBe("Crème brûlée");
    expect(out.note).toBe("Shown as windows-1252; the message named an unknown charset 'latin-1x'.");
    const u = decodeBody(Buffer.from("Crème brûlée"), "utf-9");
    expect(u.text).toBe("Crème brûlée");
    expect(u.note).toContain("Shown as utf-8");
  });

  it("corrects common misspellings without a note", () => {
    expect(resolveCharset("win-1252")).toBe("windows-1252");
    expect(resolveCharset("latin1")).toBe("windows-1252");
    const out = decodeBody(enc("Crème", "windows-1252"), "win-1252");
    expect(out).toMatchObject({ text: "Crème", note: null });
  });

  it("notices 8-bit text falsely labelled UTF-8", () => {
    const out = decodeBody(enc("Crème brûlée", "latin1"), "utf-8");
    expect(out.text).toBe("Crème brûlée");
    expect(out.note).toMatch(/^Shown as windows-1252; the message said utf-8/);
  });
});

describe("Windows-1252 quotes", () => {
  it("reads curly quotes and accents of an unlabelled body as windows-1252", () => {
    const out = decodeBody(Buffer.from("Cr\xe8me br\xfbl\xe9e \x93quoted\x94", "latin1"), "latin-1x");
    expect(out.text).toBe("Crème brûlée “quoted”");
    expect(out.charset).toBe("windows-1252");
  });
});

describe("large bodies", () => {
  it("detects from a sample, quickly, and still decodes all of it", () => {
    const big = iconv.encode("Crème brûlée. ".repeat(300_000), "latin1"); // ~4 MB
    const t = Date.now();
    const out = decodeBody(big, null);
    expect(Date.now() - t).toBeLessThan(3000);
    expect(out.charset).toBe("windows-1252");
    expect(out.text.endsWith("Crème brûlée. ")).toBe(true);
  });
});
