import { describe, expect, it } from "vitest";
import { cleanAttachmentName, isProgramName, splitAttachmentName } from "@/lib/shared/attachment-name";

describe("cleanAttachmentName", () => {
  it.each([
    ["photo\u202Egpj.exe", "application/octet-stream", "photogpj.exe"],
    ["invoice\u2066fdp.scr\u2069", "application/octet-stream", "invoicefdp.scr"],
    ["report\u0000.pdf", "application/pdf", "report.pdf"],
    ["line\r\nbreak.txt", "text/plain", "line break.txt"],
    ["../../etc/passwd", "text/plain", "passwd"],
    ["..\\..\\Windows\\System32\\evil.dll", "application/octet-stream", "evil.dll"],
    ["C:evil.bat", "application/octet-stream", "evil.bat"],
    ["C:\\Users\\me\\notes.txt", "text/plain", "notes.txt"],
    ["..", "application/pdf", "attachment.pdf"],
    ["", "image/png", "attachment.png"],
    ["\u200B\u200D\uFEFF", "text/calendar", "attachment.ics"],
    ["   ", "application/x-unknown", "attachment.bin"],
    ["my     holiday\t\tphotos.zip", "application/zip", "my holiday photos.zip"],
    ["photo.jpg                                        .exe", "application/octet-stream", "photo.jpg .exe"],
    ["Zo\u00EB\u200E's r\u00E9sum\u00E9.docx", "application/octet-stream", "Zoë's résumé.docx"],
    [".hidden.txt", "text/plain", "hidden.txt"],
    ["trailing dots...", "text/plain", "trailing dots"],
    ["\u0085next\u009fline.pdf", "application/pdf", "nextline.pdf"],
    ["\u061Cmark.pdf", "application/pdf", "mark.pdf"],
  ])("%j → %j", (raw, type, want) => {
    expect(cleanAttachmentName(raw, type)).toBe(want);
  });

  it("caps the length but keeps the real extension", () => {
    const out = cleanAttachmentName(`${"a".repeat(300)}.jpg${" ".repeat(5)}${"b".repeat(50)}.exe`);
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out.endsWith(".exe")).toBe(true);
  });

  it("is idempotent", () => {
    for (const raw of ["photo\u202Egpj.exe", "../x/y.txt", "x".repeat(500) + ".pdf"]) {
      const once = cleanAttachmentName(raw);
      expect(cleanAttachmentName(once)).toBe(once);
    }
  });
});

describe("extensions", () => {
  it("splits the real extension off", () => {
    expect(splitAttachmentName("photo.jpg.exe")).toEqual({ base: "photo.jpg", ext: ".exe" });
    expect(splitAttachmentName("README")).toEqual({ base: "README", ext: "" });
  });

  it("recognises programs whatever the name pretends", () => {
    expect(isProgramName(cleanAttachmentName("photo\u202Egpj.exe"))).toBe(true);
    expect(isProgramName("holiday.jpg.scr")).toBe(true);
    expect(isProgramName("holiday.jpg")).toBe(false);
  });
});
