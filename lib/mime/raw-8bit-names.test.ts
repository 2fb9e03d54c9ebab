import { describe, expect, it } from "vitest";
import { buildBlocks } from "@/lib/mime/body-blocks";
import { parseMimeTree } from "@/lib/mime/mime-tree";

// Issue 10 point 6: raw 8-bit filenames (no RFC 2047, no RFC 2231) are decoded by the charset module, like headers.
const latin1 = (s: string) => Buffer.from(s, "latin1");
const utf8 = (s: string) => Buffer.from(s, "utf8");

function message(dispositionLine: string, typeLine = "application/pdf"): string {
  return [
    "From: a@example.test", "Subject: names", "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b"', "",
    "--b", "Content-Type: text/plain; charset=utf-8", "", "See attached.",
    "--b", `Content-Type: ${typeLine}`, dispositionLine, "Content-Transfer-Encoding: base64", "", "JVBERi0=",
    "--b--", "",
  ].join("\r\n");
}

const names = (src: Buffer) => buildBlocks(parseMimeTree(src)).attachments.map((a) => a.filename);

describe("raw 8-bit attachment names", () => {
  it("reads a Latin-1 filename by detection instead of as broken UTF-8", () => {
    expect(names(latin1(message('Content-Disposition: attachment; filename="Caf\xe9 r\xe9sum\xe9 \xe0 Gen\xe8ve.pdf"')))).toEqual(["Café résumé à Genève.pdf"]);
  });

  it("reads a Latin-1 name= parameter on Content-Type", () => {
    expect(names(latin1(message("", 'application/pdf; name="Pr\xe9sentation d\xe9taill\xe9e.pdf"')))).toEqual(["Présentation détaillée.pdf"]);
  });

  it("reads raw UTF-8 bytes as UTF-8", () => {
    expect(names(utf8(message('Content-Disposition: attachment; filename="Überweisung ženy 東京.pdf"')))).toEqual(["Überweisung ženy 東京.pdf"]);
  });

  it("leaves RFC 2231 and RFC 2047 names as they decode", () => {
    expect(names(latin1(message("Content-Disposition: attachment; filename*=utf-8''%E6%9D%B1%E4%BA%AC.pdf")))).toEqual(["東京.pdf"]);
    expect(names(latin1(message('Content-Disposition: attachment; filename="=?iso-8859-1?Q?Caf=E9?=.pdf"')))).toEqual(["Café.pdf"]);
  });

  it("reads a forwarded message's raw Latin-1 header block with its accents", () => {
    const src = latin1([
      "From: a@example.test", "Subject: fwd", 'Content-Type: multipart/mixed; boundary="b"', "",
      "--b", "Content-Type: text/plain", "", "fwd", "--b", "Content-Type: message/rfc822", "",
      "From: Jos\xe9 M\xfcller <jose@example.test>", "Subject: R\xe9union \xe0 Gen\xe8ve", "", "Bonjour", "--b--", "",
    ].join("\r\n"));
    const fwd = buildBlocks(parseMimeTree(src)).blocks[1]!;
    if (fwd.kind !== "message") throw new Error("no forwarded block");
    expect(fwd.header.subject).toBe("Réunion à Genève");
    expect(fwd.header.from).toEqual([{ name: "José Müller", address: "jose@example.test" }]);
  });
});
