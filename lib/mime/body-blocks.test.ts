import { describe, expect, it } from "vitest";
import { buildBlocks, type RawBlock } from "@/lib/mime/body-blocks";
import { decodedContent, findPart, parseMimeTree } from "@/lib/mime/mime-tree";
import { parseMessage } from "@/lib/mime/parse-message";
import { sanitizeMailHtml } from "@/lib/mime/sanitize";
import * as fx from "@/e2e/fixtures/mime-parts";

const blocksOf = (eml: string) => buildBlocks(parseMimeTree(Buffer.from(eml)));
const kinds = (blocks: RawBlock[]) => blocks.map((b) => b.kind);

describe("body blocks: forwarded messages", () => {
  it("shows a message forwarded inline after the outer text, with its own header, body and attachments", () => {
    const m = blocksOf(fx.forwardInline());
    expect(kinds(m.blocks)).toEqual(["text", "message"]);
    expect(m.attachments).toEqual([]); // the forwarded PDF is not hoisted into the outer list
    const fwd = m.blocks[1]!;
    if (fwd.kind !== "message") throw new Error("not a message block");
    expect(fwd.partId).toBe("2");
    expect(fwd.header).toEqual({
      from: [{ name: "Ada Lovelace", address: "ada@example.org" }],
      to: [{ name: "Team", address: "team@example.org" }],
      cc: [{ name: "Charles", address: "charles@example.org" }],
      date: "2026-11-30T09:30:00.000Z",
      subject: "Quarterly numbers — Q3",
    });
    expect(fwd.blocks).toEqual([{ kind: "text", text: "The numbers are attached, Ada." }]);
    expect(fwd.attachments).toEqual([{ partId: "2.2", filename: "q3-report.pdf", contentType: "application/pdf", size: 13 }]);
    expect(fwd.moreNotShown).toBe(false);
  });

  it("shows a message forwarded as an attachment, its HTML as an html block, and serves it whole as .eml", () => {
    const root = parseMimeTree(Buffer.from(fx.forwardAttachment()));
    const m = buildBlocks(root);
    const fwd = m.blocks[1]!;
    if (fwd.kind !== "message") throw new Error("not a message block");
    expect(fwd.header.subject).toBe("Lunch on Friday");
    expect(fwd.blocks).toEqual([{ kind: "html", html: "<p>Shall we have <b>lunch</b> on Friday?</p>", index: 0 }]);
    expect(m.htmls).toEqual(["<p>Shall we have <b>lunch</b> on Friday?</p>"]);
    const part = findPart(root, "2")!;
    expect(part.type).toBe("message/rfc822");
    expect(decodedContent(part).toString()).toMatch(/^From: Bob <bob@example.net>\r\n[\s\S]*Friday\?<\/p>$/);
  });

  it("nests 3 deep, each level with its own body", () => {
    const m = blocksOf(fx.nestedForwards(3));
    const texts: string[] = [];
    let blocks = m.blocks;
    for (;;) {
      texts.push(...blocks.filter((b) => b.kind === "text").map((b) => (b as { text: string }).text));
      const next = blocks.find((b) => b.kind === "message");
      if (!next || next.kind !== "message") break;
      expect(next.moreNotShown).toBe(false);
      blocks = next.blocks;
    }
    expect(texts).toEqual(["Body at level 0", "Body at level 1", "Body at level 2", "Body at level 3"]);
  });

  it("caps 7 deep at 5 forwarded levels, says so, and keeps the next one downloadable as .eml", () => {
    const m = blocksOf(fx.nestedForwards(7));
    let blocks = m.blocks;
    let shown = 0;
    let last: Extract<RawBlock, { kind: "message" }> | null = null;
    for (let next = blocks.find((b) => b.kind === "message"); next?.kind === "message"; next = blocks.find((b) => b.kind === "message")) {
      shown++;
      last = next;
      blocks = next.blocks;
    }
    expect(shown).toBe(5);
    expect(last!.moreNotShown).toBe(true);
    expect(last!.attachments).toEqual([expect.objectContaining({ filename: "Level 6.eml", contentType: "message/rfc822" })]);
  });
});

describe("body blocks: inline parts in order", () => {
  it("keeps text, HTML and text of multipart/mixed in document order", () => {
    const m = blocksOf(fx.textHtmlText());
    expect(m.blocks).toEqual([
      { kind: "text", text: "First text part." },
      { kind: "html", html: "<p>Middle <b>HTML</b> part.</p>", index: 0 },
      { kind: "text", text: "Footer text part: unsubscribe here." },
    ]);
    expect(m.attachments).toEqual([]);
  });

  it("shows an unnamed text/csv part as text, and keeps a named one a file", () => {
    const msg = (csvHead: string) =>
      (`Subject: csv\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe numbers:\r\n--b\r\n${csvHead}\r\n\r\nnorth,42\r\n--b--\r\n`);
    const inline = blocksOf(msg("Content-Type: text/csv; charset=utf-8"));
    expect(inline.blocks.map((b) => (b.kind === "text" ? b.text.trim() : b.kind))).toEqual(["The numbers:", "north,42"]);
    const named = blocksOf(msg('Content-Type: text/csv; name="totals.csv"\r\nContent-Disposition: attachment; filename="totals.csv"'));
    expect(named.blocks).toHaveLength(1);
    expect(named.attachments.map((a) => a.filename)).toEqual(["totals.csv"]);
  });

  it("shows only the best alternative of multipart/alternative", () => {
    expect(blocksOf(fx.alternative()).blocks).toEqual([{ kind: "html", html: "<p>HTML rendering only.</p>", index: 0 }]);
  });

  it("renders text/markdown to HTML without passing raw HTML through", () => {
    const m = blocksOf(fx.markdown());
    expect(m.attachments).toEqual([]);
    expect(m.blocks).toHaveLength(1);
    const html = (m.blocks[0] as { html: string }).html;
    expect(html).toContain("<h1>Release notes</h1>");
    expect(html).toContain("<strong>item</strong>");
    expect(html).not.toContain("<script>");
    expect(sanitizeMailHtml(html, { allowRemote: false }).html).toContain(`<h1 dir="auto">Release notes</h1>`);
  });

  it("converts text/enriched to safe HTML", () => {
    const html = (blocksOf(fx.enriched()).blocks[0] as { html: string }).html;
    expect(html).toBe("<b>Important</b> news about &lt;angle&gt; brackets.<br>Second <i>paragraph</i>. ");
  });

  it("shows any other text/* part without a name or attachment disposition as text; calendar data stays a file", () => {
    const eml = 'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/x-log\r\n\r\nline 1\r\n--x\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\n--x--\r\n';
    const m = blocksOf(eml);
    expect(m.blocks).toEqual([{ kind: "text", text: "line 1" }]);
    expect(m.attachments.map((a) => a.contentType)).toEqual(["text/calendar"]);
  });
});

describe("body blocks: attachments", () => {
  it("lists every odd part: unreferenced cid image, name-only, no disposition, plain attachment", () => {
    const m = blocksOf(fx.oddAttachments());
    expect(m.blocks).toEqual([{ kind: "html", html: "<p>See the attached files.</p>", index: 0 }]);
    expect(m.attachments.map((a) => [a.partId, a.filename, a.contentType])).toEqual([
      ["1.2", "unreferenced.png", "image/png"],
      ["2", "only-name.dat", "application/octet-stream"],
      ["3", "attachment-3.gif", "image/gif"],
      ["4", "photo.png", "image/png"],
    ]);
  });

  it("inlines a referenced cid image as data: and leaves it out of the list", () => {
    const m = blocksOf(fx.bigWithCid("cid", 10));
    const html = (m.blocks[0] as { html: string }).html;
    expect(html).toContain(`src="data:image/png;base64,${fx.PNG_1X1}"`);
    expect(m.attachments.map((a) => a.filename)).toEqual(["padding.bin"]);
  });

  it("gives a non-multipart message its body as part 1, and keeps the legacy fields on the first block", () => {
    const body = parseMessage(Buffer.from(fx.markdown()));
    expect(body.html).toContain("<h1>");
    expect(findPart(parseMimeTree(Buffer.from(fx.markdown())), "1")?.type).toBe("text/markdown");
    expect(parseMessage(Buffer.from(fx.textHtmlText())).text).toBe("First text part.");
  });
});

describe("mime tree: robustness", () => {
  it("reads LF-only mail, boundaries with regex characters, and a missing final boundary", () => {
    const eml = 'Content-Type: multipart/mixed; boundary="a+b.(c)"\n\n--a+b.(c)\nContent-Type: text/plain\n\none\n--a+b.(c)\nContent-Type: text/html\n\n<p>two</p>\n';
    const m = blocksOf(eml);
    expect(m.blocks).toEqual([
      { kind: "text", text: "one" },
      { kind: "html", html: "<p>two</p>\n", index: 0 },
    ]);
  });

  it("reads a base64-encoded forwarded message too (forbidden by RFC 2046, sent anyway)", () => {
    const eml = 'Content-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n' + Buffer.from("Subject: hidden\r\n\r\nbody").toString("base64") + "\r\n--z--\r\n";
    const m = blocksOf(eml);
    expect(m.blocks).toEqual([expect.objectContaining({ kind: "message", partId: "1", blocks: [{ kind: "text", text: "body" }] })]);
    expect((m.blocks[0] as { header: { subject: string } }).header.subject).toBe("hidden");
  });

  it("treats a multipart without a boundary as text instead of failing", () => {
    expect(blocksOf("Content-Type: multipart/mixed\r\n\r\nstill readable\r\n").blocks).toEqual([{ kind: "text", text: "still readable\r\n" }]);
  });
});

