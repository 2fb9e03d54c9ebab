import { describe, expect, it } from "vitest";
import { htmlToText, quoteText, replyHtml, forwardHtml } from "@/lib/shared/compose-text";

describe("htmlToText", () => {
  it("makes paragraphs, lists, links and quotes readable", () => {
    const html = '<p>Hello <strong>Bob</strong>,</p><ul><li><p>one</p></li><li><p>two</p></li></ul><ol><li><p>first</p></li></ol><p>See <a href="https://example.test/x">the page</a> &amp; more</p><blockquote><p>quoted</p><p>lines</p></blockquote><p>Bye</p>';
    expect(htmlToText(html)).toBe("Hello Bob,\n\n- one\n- two\n\n1. first\n\nSee the page <https://example.test/x> & more\n\n> quoted\n>\n> lines\n\nBye\n");
  });
  it("keeps line breaks and nested quotes", () => {
    expect(htmlToText("<p>a<br>b</p><blockquote><blockquote><p>deep</p></blockquote></blockquote>")).toBe("a\nb\n\n> > deep\n");
  });
});

describe("quoting", () => {
  it("quotes with '> ' and keeps blank lines as '>'", () => {
    expect(quoteText("one\n\ntwo\n")).toBe("> one\n>\n> two");
  });
  it("a reply's text part quotes the original under an attribution line", () => {
    const html = replyHtml({ date: new Date("2026-11-26T12:00:00Z"), name: "Alice <x>", text: "Hi Bob\n\nSee you" });
    expect(html).toContain("Alice &lt;x&gt;");
    expect(htmlToText(html)).toBe("On 26 Nov 2026 at 12:00 UTC, Alice <x> wrote:\n\n> Hi Bob\n>\n> See you\n");
  });
  it("an inline forward carries the original header block", () => {
    const text = htmlToText(forwardHtml({ from: "Alice <a@x.test>", date: new Date("2026-11-26T12:00:00Z"), subject: "Plan", to: "b@x.test", text: "Body" }));
    expect(text).toContain("---------- Forwarded message ----------\nFrom: Alice <a@x.test>\nDate: Thu, 26 Nov 2026 12:00:00 GMT\nSubject: Plan\nTo: b@x.test\n\nBody");
  });
});
