import { describe, expect, it } from "vitest";
import { foldableQuote, splitQuotedText } from "@/lib/shared/quoted-text";

describe("splitQuotedText", () => {
  it("splits new text from a trailing quote and moves the attribution line with it", () => {
    const segs = splitQuotedText("Sounds good.\n\nOn Mon, Ann wrote:\n> Lunch?\n>\n> Ann\n");
    expect(segs.map((s) => s.quoted)).toEqual([false, true]);
    expect(segs[0].text).toBe("Sounds good.\n");
    expect(segs[1].text).toBe("On Mon, Ann wrote:\n> Lunch?\n>\n> Ann\n");
    expect(foldableQuote(segs, 1)).toBe(true);
  });

  it("keeps every character: the segments join back to the text", () => {
    const text = "Hi\n> a\n\n> b\nreply\n> c\n";
    expect(splitQuotedText(text).map((s) => s.text).join("\n")).toBe(text);
  });

  it("does not fold a quote that is the whole message or is answered inline", () => {
    const only = splitQuotedText("> just a quote\n> more\n");
    expect(only.some((_, i) => foldableQuote(only, i))).toBe(false);
    const inline = splitQuotedText("Hi\n> question 1\nanswer 1\n> question 2\nanswer 2\n");
    expect(inline.some((_, i) => foldableQuote(inline, i))).toBe(false);
  });

  it("leaves text without quotes as one segment", () => {
    expect(splitQuotedText("a > b\nc")).toEqual([{ quoted: false, text: "a > b\nc" }]);
  });
});
