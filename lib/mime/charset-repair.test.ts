import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { repairBodyCharsets } from "@/lib/mime/charset-repair";
import { parseMessage } from "@/lib/mime/parse-message";

const msg = (head: string, body: Buffer | string) => Buffer.concat([Buffer.from(head.replace(/\n/g, "\r\n") + "\r\n\r\n"), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

describe("body charsets before mailparser", () => {
  it("decodes an ISO-2022-JP body, which mailparser leaves as escape sequences (e2e/corpus own-charsets/iso-2022-jp)", () => {
    const raw = Buffer.from("Subject: jis\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B$3$s$K$A$O\x1b(B\r\n", "latin1");
    expect(parseMessage(repairBodyCharsets(raw).source).text?.trim()).toBe("こんにちは");
  });

  it("reads undeclared Latin-1 text instead of replacement characters", async () => {
    const out = await parseMessage(msg("From: a@example.com\nSubject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit", iconv.encode("Crème brûlée à la française", "latin1")));
    expect(out.text?.trim()).toBe("Crème brûlée à la française");
  });

  it("uses the <meta> charset of an HTML part that names none, inside multipart and quoted-printable", async () => {
    const head = 'From: a@example.com\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b1"';
    const body = [
      "--b1", "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "", "Caf=E9", "--b1",
      "Content-Type: text/html", "Content-Transfer-Encoding: quoted-printable", "",
      '<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Dwindows-1252"></head><body><p>Caf=E9 =93ouvert=94</p></body></html>',
      "--b1--", "",
    ].join("\r\n");
    const out = await parseMessage(msg(head, body));
    expect(out.html).toContain("Café “ouvert”");
  });

  it("names the fallback for an unknown charset", async () => {
    const out = await parseMessage(msg('From: a@example.com\nContent-Type: text/plain; charset="latin-1x"\nContent-Transfer-Encoding: 8bit', iconv.encode("Grüße", "windows-1252")));
    expect(out.text?.trim()).toBe("Grüße");
    expect(out.notes).toEqual(["Shown as windows-1252; the message named an unknown charset 'latin-1x'."]);
  });

  it.each([
    ["utf-16 without a BOM", "text/plain; charset=utf-16", iconv.encode("Hello wörld from UTF-16", "utf-16le")],
    ["no charset at all", "text/plain", iconv.encode("Hello wörld from UTF-16", "utf-16le")],
    ["a big-endian BOM", "text/plain; charset=utf-16", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode("Hello wörld from UTF-16", "utf-16be")])],
  ])("reads UTF-16 bodies: %s", async (_name, type, bytes) => {
    const out = await parseMessage(msg(`From: a@example.com\nContent-Type: ${type}\nContent-Transfer-Encoding: base64`, bytes.toString("base64")));
    expect(out.text?.trim()).toBe("Hello wörld from UTF-16");
  });

  it("leaves well-labelled messages byte for byte as they were", () => {
    const parts = "--z\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZoë\r\n--z\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n";
    const good = msg('From: a@example.com\nContent-Type: multipart/mixed; boundary="z"', Buffer.concat([Buffer.from(parts), Buffer.from("Zo\xeb\r\n--z--\r\n", "latin1")]));
    const out = repairBodyCharsets(good);
    expect(out.source).toBe(good);
    expect(out.notes).toEqual([]);
  });
});
