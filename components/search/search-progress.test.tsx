import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { SearchProgress, progressText } from "@/components/search/search-progress";

describe("search progress line", () => {
  it("says 'Still searching…' at once while nothing is found", () => {
    expect(progressText({ searching: true, found: 0, stoppedEarly: false, late: false })).toBe("Still searching…");
    const html = renderToStaticMarkup(<SearchProgress searching found={0} stoppedEarly={false} />);
    expect(html).toContain("Still searching…");
    expect(html).not.toContain("sr-only");
  });

  it("with rows on screen, says nothing until the search has gone on a while (no line that flickers in and out)", () => {
    expect(progressText({ searching: true, found: 50, stoppedEarly: false, late: false })).toBe("");
    expect(progressText({ searching: true, found: 50, stoppedEarly: false, late: true })).toBe("Still searching… 50 matches so far");
    expect(progressText({ searching: true, found: 1, stoppedEarly: false, late: true })).toBe("Still searching… 1 match so far");
    // The first render with rows (before the timer): the live region is there, empty and out of the layout.
    const html = renderToStaticMarkup(<SearchProgress searching found={50} stoppedEarly={false} />);
    expect(html).toContain('class="sr-only"');
    expect(html).toContain('data-search-progress="searching"');
    expect(html).not.toContain("animate-spin");
  });

  it("when done: nothing, or that the search stopped early", () => {
    expect(progressText({ searching: false, found: 50, stoppedEarly: false, late: true })).toBe("");
    expect(progressText({ searching: false, found: 50, stoppedEarly: true, late: false })).toBe("The search stopped early: older mail was not searched.");
  });
});
