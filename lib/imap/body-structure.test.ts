import { describe, expect, it } from "vitest";
import { analyseStructure } from "@/lib/imap/body-structure";

describe("analyseStructure", () => {
  it("finds text, html, attachments and cid images", () => {
    const s = analyseStructure({
      type: "multipart/mixed",
      childNodes: [
        {
          type: "multipart/related",
          part: "1",
          childNodes: [
            { type: "multipart/alternative", part: "1.1", childNodes: [{ type: "text/plain", part: "1.1.1", size: 10 }, { type: "text/html", part: "1.1.2", size: 20 }] },
            { type: "image/png", part: "1.2", id: "<logo@x>", disposition: "inline", size: 400, encoding: "base64" },
          ],
        },
        { type: "application/pdf", part: "2", disposition: "attachment", dispositionParameters: { filename: "report.pdf" }, size: 4000, encoding: "base64" },
        { type: "text/plain", part: "3", disposition: "attachment", dispositionParameters: { filename: "notes.txt" }, size: 12 },
        { type: "application/octet-stream", part: "4", size: 8 },
      ],
    });
    expect(s.text?.part).toBe("1.1.1");
    expect(s.html?.part).toBe("1.1.2");
    expect([...s.inline.keys()]).toEqual(["logo@x"]);
    expect(s.attachments).toEqual([
      { partId: "2", filename: "report.pdf", contentType: "application/pdf", size: 3000 },
      { partId: "3", filename: "notes.txt", contentType: "text/plain", size: 12 },
      { partId: "4", filename: "attachment-4.bin", contentType: "application/octet-stream", size: 8 },
    ]);
  });
  it("handles a single-part message and a missing structure", () => {
    expect(analyseStructure({ type: "text/plain", size: 5 }).text).not.toBeNull();
    expect(analyseStructure(undefined).attachments).toEqual([]);
  });
});
