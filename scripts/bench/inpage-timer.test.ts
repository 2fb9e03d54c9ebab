import { describe, expect, it } from "vitest";
import { absoluteMs, inpageMs, looseSource, watchText } from "./inpage-timer";
import { INPAGE_SCRIPT } from "./inpage-script";

describe("absolute times across documents", () => {
  it("adds the document's time origin to its timestamp, so a click on one page compares with a paint on the next", () => {
    // The sign-in form's document started at 1,000,000.5 ms; the click came 1,234.25 ms into it.
    const click = absoluteMs(1_000_000.5, 1_234.25);
    // The mail page's document started later, at 1,001,400; it painted 95.5 ms into its life.
    const painted = absoluteMs(1_001_400, 95.5);
    expect(click).toBe(1_001_234.75);
    expect(inpageMs({ t0: click, found: painted - 5, painted })).toBeCloseTo(260.75, 5);
  });

  it("is the very function the page runs (its source is in the in-page script)", () => {
    expect(INPAGE_SCRIPT).toContain(`const absoluteMs = ${absoluteMs.toString()};`);
    expect(INPAGE_SCRIPT).toContain("absoluteMs(performance.timeOrigin, e.timeStamp)");
  });

  it("is null without both ends, and refuses a paint before the input", () => {
    expect(inpageMs(null)).toBeNull();
    expect(inpageMs({ t0: null, found: 5, painted: 6 })).toBeNull();
    expect(inpageMs({ t0: 5, found: 6, painted: null })).toBeNull();
    expect(() => inpageMs({ t0: 100, found: 50, painted: 60 })).toThrow(/before the input/);
  });
});

describe("watchText", () => {
  it("matches a string like Playwright's getByText (case-insensitive substring, whitespace folded), literally", () => {
    const w = watchText("section", "Costs  rose by 5.2% (a lot)?", "#frame");
    expect(w).toMatchObject({ container: "section", frame: "#frame", flags: "i" });
    const re = new RegExp(w.source, w.flags);
    expect(re.test("x costs rose by 5.2% (a lot)? y")).toBe(true);
    expect(re.test("Costs rose by 5x2% (a lot)?")).toBe(false);
  });

  it("keeps a RegExp as it is, minus flags that would make test() stateful", () => {
    const w = watchText("#list", /Topic #12(?!\d)/gy);
    expect(w).toEqual({ container: "#list", source: "Topic #12(?!\\d)", flags: "", loose: "Topic #12" });
  });

  it("loosens a pattern only so far that a container's text still matches whenever one of its elements does", () => {
    expect(looseSource("^Shown 2$")).toBe("Shown 2");
    expect(looseSource("(?:A #1(?!\\d))|(?:B #2(?!\\d))")).toBe("(?:A #1)|(?:B #2)");
    expect(looseSource("costs \\$5")).toBe("costs \\$5");
    // The element's text "Topic #12" next to a "3" in the row: the strict pattern fails on the row's text, the loose one not.
    expect(new RegExp(looseSource("Topic #12(?!\\d)")!).test("Topic #1230:15")).toBe(true);
    expect(looseSource("a[^b]c")).toBeNull();
    expect(looseSource("a|^b")).toBeNull();
  });
});
