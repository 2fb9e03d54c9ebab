import { describe, expect, it } from "vitest";
import { alternation, appSamples, median, NOT_SEEN, sequentialDepth, stepSummary, summaryRow, timedStepSummary, type WaterfallEntry } from "./browser-plan";
import { anySubjectPattern, firstSentence, subjectPattern } from "./browser-targets";

describe("alternation", () => {
  it("runs a warm-up pair, then alternates which app goes first, with the same number of runs each", () => {
    const s = alternation(5, 1);
    expect(s).toHaveLength(12);
    expect(s.slice(0, 2)).toEqual([
      { app: "mailroom", round: 0, warmup: true },
      { app: "roundcube", round: 0, warmup: true },
    ]);
    // ABBA: round 1 starts with Roundcube, round 2 with Mailroom, …
    expect(s.slice(2).map((r) => `${r.round}${r.app[0]}`)).toEqual(["1r", "1m", "2m", "2r", "3r", "3m", "4m", "4r", "5r", "5m"]);
    for (const app of ["mailroom", "roundcube"] as const) {
      expect(s.filter((r) => r.app === app && !r.warmup).map((r) => r.round)).toEqual([1, 2, 3, 4, 5]);
    }
    // Never the same app twice in a row within a pair.
    for (let i = 0; i < s.length; i += 2) expect(s[i]!.app).not.toBe(s[i + 1]!.app);
  });

  it("takes no warm-up when asked and refuses zero runs", () => {
    expect(alternation(1, 0)).toEqual([
      { app: "mailroom", round: 1, warmup: false },
      { app: "roundcube", round: 1, warmup: false },
    ]);
    expect(() => alternation(0)).toThrow(/positive integer/);
    expect(() => alternation(2, -1)).toThrow(/non-negative/);
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the middle two, of unsorted samples", () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe("appSamples / stepSummary", () => {
  it("reports samples, medians and the Mailroom/Roundcube ratio", () => {
    const s = stepSummary("open", [50, 40, 60, 45, 55], [300, 250, 260, 280, 290], 20);
    expect(s.mailroom.median_ms).toBe(50);
    expect(s.roundcube.median_ms).toBe(280);
    expect(s.ratio).toBe(0.179);
    expect(s.speedup).toBe(5.6);
    expect(s.meets_5x).toBe(true);
    expect(s.mailroom.samples_ms).toEqual([50, 40, 60, 45, 55]);
  });

  it("meets 5× only at a ratio of 0.2 or less", () => {
    expect(stepSummary("x", [100], [500], 20).meets_5x).toBe(true);
    expect(stepSummary("x", [101], [500], 20).meets_5x).toBe(false);
    expect(stepSummary("x", [300], [200], 20).ratio).toBe(1.5);
  });

  it("counts runs past the deadline and gives no median (nor verdict) when most of them timed out", () => {
    const some = appSamples([100, null, 120, 110, 90], 30);
    expect(some.timed_out).toBe(1);
    expect(some.median_ms).toBe(105);
    expect(some.note).toBe("timed out after 30 s in 1 of 5 runs");
    expect(some.samples_ms[1]).toBeNull();
    const most = stepSummary("search", [100, 100, 100], [null, null, 9000], 30);
    expect(most.roundcube.median_ms).toBeNull();
    expect(most.ratio).toBeNull();
    expect(most.meets_5x).toBeNull();
    expect(appSamples([12.345], 5).note).toBeUndefined();
    // Mailroom not finishing where Roundcube did is a miss, not "no verdict".
    expect(stepSummary("search", [null, null, null], [900, 800, 1000], 30)).toMatchObject({ ratio: null, meets_5x: false });
  });
});

describe("sequentialDepth", () => {
  const e = (url: string, start: number, end: number | null, type = "fetch"): WaterfallEntry => ({ method: "GET", url, type, status: 200, start_ms: start, end_ms: end });

  it("is 1 when everything is asked for at once and counts a chain of requests one after another", () => {
    expect(sequentialDepth([e("/a", 0, 50), e("/b", 1, 60), e("/c", 2, 40)])).toBe(1);
    expect(sequentialDepth([e("/account", 0, 50), e("/folders", 55, 90), e("/messages", 95, 140), e("/side", 60, 70)])).toBe(3);
  });

  it("ignores scripts and images, and a request that never ended leads nowhere", () => {
    expect(sequentialDepth([e("/doc", 0, 10, "document"), e("/app.js", 11, 20, "script"), e("/api", 21, 30)])).toBe(2);
    expect(sequentialDepth([e("/events", 0, null, "eventsource"), e("/stream", 0, null), e("/after", 10, 20)])).toBe(1);
    expect(sequentialDepth([])).toBe(0);
  });
});

describe("targets", () => {
  it("matches a subject whole, never a longer number", () => {
    const p = subjectPattern("Re: lunch? #1");
    expect(p.test("Re: lunch? #1 — snippet")).toBe(true);
    expect(p.test("Re: lunch? #10")).toBe(false);
    expect(p.test("Re: lunchX #1")).toBe(false);
  });

  it("matches any of the oldest page's subjects, each whole", () => {
    const p = anySubjectPattern(["Topic #1", "Re: (old) #2"]);
    expect(p.test("Topic #1 — snippet")).toBe(true);
    expect(p.test("x Re: (old) #2")).toBe(true);
    expect(p.test("Topic #12")).toBe(false);
    expect(p.test("Re: old #2")).toBe(false);
    expect(() => anySubjectPattern([])).toThrow(/no subjects/);
  });

  it("takes a body's first sentence, whole", () => {
    expect(firstSentence("Some words here and there. Second one.\n\nMore.")).toBe("Some words here and there.");
    expect(firstSentence("\n  Leading blank line.")).toBe("Leading blank line.");
    expect(firstSentence("No full stop at all")).toBeNull();
  });
});

describe("timedStepSummary", () => {
  it("summarises wall and in-page times apart, and judges 5× on the in-page ratio", () => {
    const t = (wall: number, inpage: number | null) => ({ wall_ms: wall, inpage_ms: inpage });
    const s = timedStepSummary("open", [t(90, 20), t(95, 25), t(85, 15)], [t(300, 250), t(310, 260), t(290, 240)], 20);
    expect(s.description).toBe("open");
    expect(s.inpage).toMatchObject({ mailroom: { median_ms: 20, samples_ms: [20, 25, 15] }, roundcube: { median_ms: 250 }, ratio: 0.08, meets_5x: true });
    expect(s.wall).toMatchObject({ mailroom: { median_ms: 90 }, roundcube: { median_ms: 300 }, ratio: 0.3, meets_5x: false });
    expect(s).toMatchObject({ ratio: 0.08, meets_5x: true, wall_ratio: 0.3, meets_5x_wall: false });
    expect(s.wall).not.toHaveProperty("description");
    expect(summaryRow(s)).toEqual({
      mailroom_inpage_ms: 20,
      roundcube_inpage_ms: 250,
      inpage_ratio: 0.08,
      meets_5x: true,
      mailroom_wall_ms: 90,
      roundcube_wall_ms: 300,
      wall_ratio: 0.3,
      meets_5x_wall: false,
    });
    // With the harness's one-frame floor: what 5× leaves Mailroom (250 / 5 = 50 ms), and after the frame.
    expect(summaryRow(s, 14.2)).toMatchObject({ budget_5x_ms: 50, budget_after_frame_ms: 35.8, inpage_ratio: 0.08 });
    expect(summaryRow(s, null)).toMatchObject({ budget_5x_ms: 50, budget_after_frame_ms: null });
    expect(summaryRow(s, 14.2)).not.toHaveProperty("budget_after_requests_ms");
    // With the request floor (the bare HTTP hop(s) the step needs): below zero, no server-asking page makes 5×.
    expect(summaryRow(s, 14.2, 21.5)).toMatchObject({ budget_after_frame_ms: 35.8, budget_after_requests_ms: 28.5 });
    expect(summaryRow(s, 14.2, 62)).toMatchObject({ budget_after_requests_ms: -12 });
    expect(summaryRow(s, 14.2, null)).toMatchObject({ budget_after_requests_ms: null });
  });

  it("counts a run the in-page timer never saw on screen as missing, with its own note, not as a wall-clock time-out", () => {
    const s = timedStepSummary("jump", [{ wall_ms: 100, inpage_ms: null }, { wall_ms: 110, inpage_ms: 30 }, { wall_ms: 120, inpage_ms: 40 }], [null, { wall_ms: 300, inpage_ms: 280 }, { wall_ms: 320, inpage_ms: 290 }], 20);
    expect(s.inpage.mailroom).toMatchObject({ samples_ms: [null, 30, 40], median_ms: 35, timed_out: 1, note: `${NOT_SEEN} in 1 of 3 runs` });
    expect(s.wall.mailroom).toMatchObject({ median_ms: 110, timed_out: 0 });
    expect(s.wall.roundcube).toMatchObject({ timed_out: 1, note: "timed out after 20 s in 1 of 3 runs" });
  });
});
