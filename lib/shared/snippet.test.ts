import { describe, expect, it } from "vitest";
import { htmlPreviewText, snippetFromText, SNIPPET_CHARS } from "@/lib/shared/snippet";

describe("row snippets (issue 12 point 1)", () => {
  it("skips quoted text, the attribution and the signature", () => {
    const text = "Sounds good, see you at ten.\n\nOn Tue, 3 Nov 2025, Alice wrote:\n> Shall we meet?\n> At ten?\n\n-- \nBob\nSales team";
    expect(snippetFromText(text)).toBe("Sounds good, see you at ten.");
  });
  it("keeps about 100 characters, cut at a word", () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const s = snippetFromText(words);
    expect(s.length).toBeLessThanOrEqual(SNIPPET_CHARS + 1);
    expect(s.length).toBeGreaterThan(60);
    expect(s.endsWith("…")).toBe(true);
    expect(words.startsWith(s.slice(0, -1))).toBe(true);
  });
  it("reads HTML as text, without styles or quoted blocks", () => {
    const html = "<html><head><style>p{color:red}</style></head><body><p>Hi&nbsp;there &amp; welcome</p><blockquote>old words</blockquote></body></html>";
    expect(snippetFromText(htmlPreviewText(html))).toBe("Hi there & welcome");
  });
});
