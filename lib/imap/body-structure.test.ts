import { describe, expect, it } from "vitest";
import { analyseStructure, findStructurePart } from "@/lib/imap/body-structure";

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
  it("lists a forwarded message (big messages) as one .eml, never hoisting its parts, and still finds them for download", () => {
    const root = {
      type: "multipart/mixed",
      childNodes: [
        { type: "text/plain", part: "1", size: 5 },
        {
          type: "message/rfc822",
          part: "2",
          size: 900,
          envelope: { subject: "Quarterly numbers" },
          childNodes: [{ type: "multipart/mixed", part: "2", childNodes: [{ type: "text/plain", part: "2.1", size: 5 }, { type: "application/pdf", part: "2.2", disposition: "attachment", dispositionParameters: { filename: "q3.pdf" }, size: 8 }] }],
        },
      ],
    };
    expect(analyseStructure(root).attachments).toEqual([{ partId: "2", filename: "Quarterly numbers.eml", contentType: "message/rfc822", size: 900 }]);
    expect(findStructurePart(root, "2")).toEqual({ filename: "Quarterly numbers.eml", contentType: "message/rfc822" });
    expect(findStructurePart(root, "2.2")).toEqual({ filename: "q3.pdf", contentType: "application/pdf" });
    expect(findStructurePart(root, "3")).toBeNull();
  });
});
