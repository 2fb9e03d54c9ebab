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

describe("splitQuotedText: Outlook and several quotes (issue 10 point 12)", () => {
  const folded = (text: string) => {
    const segs = splitQuotedText(text);
    return segs.filter((_, i) => foldableQuote(segs, i)).map((s) => s.text);
  };

  it("folds Outlook's -----Original Message----- and all that follows it", () => {
    const text = "Thanks, done.\n\n-----Original Message-----\nFrom: Ann <ann@example.com>\nSent: Monday, 30 November 2026 09:00\nTo: Bob\nSubject: Task\n\nCan you do the task?\n";
    expect(folded(text)).toEqual(["-----Original Message-----\nFrom: Ann <ann@example.com>\nSent: Monday, 30 November 2026 09:00\nTo: Bob\nSubject: Task\n\nCan you do the task?\n"]);
    expect(splitQuotedText(text).map((s) => s.text).join("\n")).toBe(text);
  });

  it("folds an Outlook From: … Sent: … header block without a separator line", () => {
    const text = "Yes.\n\nFrom: Ann <ann@example.com>\nSent: Monday, 30 November 2026 09:00\nTo: Bob\nSubject: Task\n\nCan you?\n";
    expect(folded(text)[0]).toMatch(/^From: Ann/);
    expect(splitQuotedText(text)[0]!.text).toBe("Yes.\n");
  });

  it("does not fold an Outlook quote that is the whole message, nor a From: line without Sent:", () => {
    expect(folded("-----Original Message-----\nFrom: Ann\nSent: Monday\n\nHello\n")).toEqual([]);
    expect(folded("From: the desk of Ann\nHello there\nBye\n")).toEqual([]);
  });

  it("folds a long quote between two parts of a reply, not only the last one", () => {
    const text = "Hi\n> line 1\n> line 2\n> line 3\n> line 4\nmy answer\n> short question\nanswer 2\n> final quote\n";
    expect(folded(text)).toEqual(["> line 1\n> line 2\n> line 3\n> line 4", "> final quote\n"]);
  });
});
