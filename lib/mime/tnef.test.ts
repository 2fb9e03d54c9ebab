import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeTnef } from "@/lib/mime/tnef-decode";
import { decompressRtf, rtfToBody } from "@/lib/mime/rtf";
import { expandTnef, listTnef, openTnefFile, tnefBody, TNEF_PART } from "@/lib/mime/tnef";
import { parseMessage } from "@/lib/mime/parse-message";
import { writeTnef } from "@/e2e/helpers/tnef-writer";

const pdf = Buffer.from("%PDF-1.4\n% a tiny test file\n%%EOF\n");
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function mail(winmail: Buffer, textBody: string | null): Buffer {
  const b64 = winmail.toString("base64").replace(/.{76}/g, "$&\r\n");
  const text = textBody === null ? "" : `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${textBody}\r\n`;
  return Buffer.from(
    `From: a@example.com\r\nTo: b@example.com\r\nSubject: tnef\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${text}` +
      `--b\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\nContent-Disposition: attachment; filename=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--b--\r\n`,
  );
}

describe("TNEF decoding", () => {
  it("lists the files with their long names, sizes and types from the extension", () => {
    const dat = writeTnef({ files: [{ title: "QUARTE~1.PDF", longName: "Quarterly report 2026.pdf", data: pdf }, { title: "chart.png", data: png }] });
    const listing = listTnef(decodeTnef(dat)!);
    expect(listing.files).toEqual([
      { filename: "Quarterly report 2026.pdf", contentType: "application/pdf", size: pdf.length },
      { filename: "chart.png", contentType: "image/png", size: png.length },
    ]);
    const opened = openTnefFile(dat, 1);
    expect(opened.filename).toBe("chart.png");
    expect(opened.stream.read()).toEqual(png);
  });

  it("reads node-tnef's own sample (ISC licence, from Teamwork/tnef's MIT test data)", () => {
    const dat = readFileSync(path.resolve(__dirname, "fixtures/node-tnef-attachments.dat"));
    const files = decodeTnef(dat)!.files;
    expect(files.map((f) => [f.name, f.data.length])).toEqual([
      ["zappa_av1.jpg", 2937], // the long name from the MAPI props; node-tnef only sees "ZAPPA_~2.JPG",
      ["bookmark.htm", 85805],
    ]);
  });

  it("shows HTML, then RTF-encapsulated HTML, then plain text, then RTF as text", () => {
    expect(tnefBody(decodeTnef(writeTnef({ html: "<p>Hi <b>there</b></p>", body: "Hi there" }))!)).toEqual({ html: "<p>Hi <b>there</b></p>", text: null });
    const encapsulated = "{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Caf\\'e9 menu{\\*\\htmltag72 </p>}\\htmlrtf }\\htmlrtf0}";
    expect(tnefBody(decodeTnef(writeTnef({ rtf: encapsulated }))!)?.html).toBe("<p>Café menu</p>");
    expect(tnefBody(decodeTnef(writeTnef({ attBody: "Legacy body text" }))!)).toEqual({ html: null, text: "Legacy body text" });
    const rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0\\green0\\blue0;}\\f0 Dear team,\\par Lunch at \\u8364?5.\\par}";
    expect(tnefBody(decodeTnef(writeTnef({ rtf }))!)).toEqual({ html: null, text: "Dear team,\nLunch at €5." });
  });

  it("decompresses the MS-OXRTFCP sample", () => {
    const sample = Buffer.from(
      "2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c090020627705b06c647d0a800fa0",
      "hex",
    );
    expect(decompressRtf(sample)?.toString("latin1")).toBe("{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
  });

  it("survives truncated and hostile input", () => {
    const dat = writeTnef({ files: [{ title: "a.pdf", data: pdf }], body: "x" });
    for (let cut = 0; cut < dat.length; cut += 7) expect(() => decodeTnef(dat.subarray(0, cut))).not.toThrow();
    expect(decodeTnef(Buffer.from("not tnef at all"))).toBeNull();
    expect(() => rtfToBody("{\\rtf1 {{{{\\bin99999999 }}}} \\u-1 \\'zz")).not.toThrow();
    expect(decompressRtf(Buffer.from("4c5a4675", "hex"))).toBeNull();
  });

  it("addresses inner files as <part>.tnef.<n> after their winmail.dat", () => {
    expect(TNEF_PART.exec("2.tnef.1")?.slice(1)).toEqual(["2", "1"]);
    expect(TNEF_PART.test("2.tnef")).toBe(false);
    const listed = expandTnef(
      [
        { partId: "2", filename: "winmail.dat", contentType: "application/ms-tnef", size: 10 },
        { partId: "3", filename: "x.txt", contentType: "text/plain", size: 1 },
      ],
      [{ files: [{ filename: "a.pdf", contentType: "application/pdf", size: 3 }] }],
    );
    expect(listed.map((a) => [a.partId, a.filename])).toEqual([
      ["2", "winmail.dat"],
      ["2.tnef.0", "a.pdf"],
      ["3", "x.txt"],
    ]);
  });
});

describe("TNEF in a parsed message", () => {
  it("lists the files and uses the TNEF body when the message has no other", async () => {
    const dat = writeTnef({ files: [{ title: "NOTES~1.PDF", longName: "Notes.pdf", data: pdf }], body: "Body only inside winmail.dat" });
    const body = await parseMessage(mail(dat, null));
    expect(body.text).toContain("Body only inside winmail.dat");
    expect(body.tnef).toEqual([{ files: [{ filename: "Notes.pdf", contentType: "application/pdf", size: pdf.length }] }]);
  });

  it("keeps the message's own body when it has one", async () => {
    const body = await parseMessage(mail(writeTnef({ body: "hidden copy" }), "Visible text"));
    expect(body.text?.trim()).toBe("Visible text");
  });
});
