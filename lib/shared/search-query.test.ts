import { describe, expect, it } from "vitest";
import { highlightTerms, parseSearch, splitHighlights } from "@/lib/shared/search-query";

describe("parseSearch", () => {
  it("reads Gmail's operators, quoted values and phrases", () => {
    const p = parseSearch('from:carol to:"Dana Diaz" subject:budget has:attachment is:unread before:2026/11/30 after:2026-11-01 "weekly report" lunch');
    expect(p).toEqual({
      terms: ["weekly report", "lunch"],
      from: ["carol"],
      to: ["Dana Diaz"],
      subject: ["budget"],
      hasAttachment: true,
      unread: true,
      before: Date.UTC(2026, 10, 30),
      after: Date.UTC(2026, 10, 1),
    });
  });

  it("keeps what only looks like an operator as text, and rejects impossible dates", () => {
    const p = parseSearch("re: note:hi is:lost before:2025-02-31 FROM:Bob");
    expect(p.terms).toEqual(["re:", "note:hi", "is:lost", "before:2025-02-31"]);
    expect(p.from).toEqual(["Bob"]);
    expect(p.before).toBeNull();
  });

  it("is bounded", () => {
    expect(parseSearch(Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ")).terms).toHaveLength(16);
  });
});

describe("highlighting", () => {
  it("marks free words and operator values, not flags or dates", () => {
    expect(highlightTerms("from:carol is:unread budget after:2026-01-01")).toEqual(["budget", "carol"]);
  });

  it("splits text around matches, case-insensitively, with regex characters as text", () => {
    expect(splitHighlights("Budget (Q4) budget", ["budget", "(q4)"])).toEqual([
      { text: "Budget", hit: true },
      { text: " ", hit: false },
      { text: "(Q4)", hit: true },
      { text: " ", hit: false },
      { text: "budget", hit: true },
    ]);
    expect(splitHighlights("nothing", [])).toEqual([{ text: "nothing", hit: false }]);
  });
});
