/**
 * The pure parts of the browser bench (no browser, no servers): the A/B run order, per-step summaries
 * (samples, median, Mailroom/Roundcube ratio, meets_5x) and the request waterfall's shape.
 */

export type AppName = "mailroom" | "roundcube";

export interface ScheduledRun {
  app: AppName;
  /** 0 for the warm-up pair, then 1..runs. */
  round: number;
  warmup: boolean;
}

/**
 * Warm-up pair first, then `runs` pairs alternating which app goes first (ABBA): a drift in the
 * machine's load over the bench then weighs on both apps alike instead of always on the second.
 */
export function alternation(runs: number, warmups = 1): ScheduledRun[] {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, not ${runs}`);
  if (!Number.isInteger(warmups) || warmups < 0) throw new Error(`warm-ups must be a non-negative integer, not ${warmups}`);
  const out: ScheduledRun[] = [];
  for (let round = 0; round < warmups + runs; round++) {
    const order: AppName[] = round % 2 === 0 ? ["mailroom", "roundcube"] : ["roundcube", "mailroom"];
    for (const app of order) out.push({ app, round: round - warmups + 1, warmup: round < warmups });
  }
  return out;
}

/** Median of the numbers (null when there are none); the mean of the middle two for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One app's samples of one step: a number per run, or null for a run that hit the deadline. */
export interface AppSamples {
  samples_ms: (number | null)[];
  median_ms: number | null;
  timed_out: number;
  note?: string;
}

/** `missing` says what a null sample means in the note (default: the run hit the deadline). */
export function appSamples(samples: (number | null)[], deadlineS: number, missing = `timed out after ${deadlineS} s`): AppSamples {
  const done = samples.filter((x): x is number => x !== null);
  const timedOut = samples.length - done.length;
  // A median over the runs that finished would hide the ones that did not: more than half late = no median.
  const med = done.length > 0 && timedOut * 2 < samples.length ? median(done) : null;
  return {
    samples_ms: samples.map((x) => (x === null ? null : round1(x))),
    median_ms: med === null ? null : round1(med),
    timed_out: timedOut,
    ...(timedOut > 0 ? { note: `${missing} in ${timedOut} of ${samples.length} runs` } : {}),
  };
}

export interface StepSummary {
  description: string;
  mailroom: AppSamples;
  roundcube: AppSamples;
  /** Mailroom's median / Roundcube's median: 0.2 or less is five times faster. */
  ratio: number | null;
  /** Roundcube's median / Mailroom's: how many times faster Mailroom is. */
  speedup: number | null;
  meets_5x: boolean | null;
}

export function stepSummary(description: string, mailroom: (number | null)[], roundcube: (number | null)[], deadlineS: number, missing?: string): StepSummary {
  const m = appSamples(mailroom, deadlineS, missing);
  const r = appSamples(roundcube, deadlineS, missing);
  const ratio = m.median_ms !== null && r.median_ms !== null && r.median_ms > 0 ? Math.round((m.median_ms / r.median_ms) * 1000) / 1000 : null;
  const speedup = m.median_ms !== null && r.median_ms !== null && m.median_ms > 0 ? Math.round((r.median_ms / m.median_ms) * 100) / 100 : null;
  // Roundcube never finishing is not a Mailroom win to claim (no verdict); Mailroom never finishing
  // where Roundcube did is a miss.
  const meets = r.median_ms === null ? null : m.median_ms === null ? false : ratio !== null && ratio <= 0.2;
  return { description, mailroom: m, roundcube: r, ratio, speedup, meets_5x: meets };
}

/** One run of one step, timed both ways (scripts/bench/browser-drivers.ts); null: not visible by the deadline. */
export interface StepTiming {
  /** This process's clock around Playwright's action and wait: includes the harness's own cost. */
  wall_ms: number;
  /** In the page: the input event's timestamp → the frame that painted the awaited text (null: never seen on screen). */
  inpage_ms: number | null;
}

export const NOT_SEEN = "not seen on screen by the in-page timer (or timed out)";

export interface TimedStepSummary {
  description: string;
  wall: Omit<StepSummary, "description">;
  inpage: Omit<StepSummary, "description">;
  /** The in-page Mailroom/Roundcube ratio: the verdict is on what a person sees, not on the harness. */
  ratio: number | null;
  meets_5x: boolean | null;
  wall_ratio: number | null;
  meets_5x_wall: boolean | null;
}

export function timedStepSummary(description: string, mailroom: (StepTiming | null)[], roundcube: (StepTiming | null)[], deadlineS: number): TimedStepSummary {
  const wall = stepSummary(description, mailroom.map((t) => t?.wall_ms ?? null), roundcube.map((t) => t?.wall_ms ?? null), deadlineS);
  const inpage = stepSummary(description, mailroom.map((t) => t?.inpage_ms ?? null), roundcube.map((t) => t?.inpage_ms ?? null), deadlineS, NOT_SEEN);
  const strip = ({ description: _d, ...rest }: StepSummary) => rest;
  return { description, wall: strip(wall), inpage: strip(inpage), ratio: inpage.ratio, meets_5x: inpage.meets_5x, wall_ratio: wall.ratio, meets_5x_wall: wall.meets_5x };
}

/**
 * One step's line in the bench's summary: the in-page medians and verdict, the wall-clock ones next to them.
 * With `frameMs` (the harness floor's in-page median: a click that appends a text, one frame) it also says
 * what 5× leaves: Roundcube's median / 5 (`budget_5x_ms`), and that minus one frame (`budget_after_frame_ms`),
 * the time an app has for its own work (network, server, render) — near zero, no app can meet it.
 * With `requestMs` (the request floor's in-page median for as many requests in a row as the step needs when
 * nothing was fetched ahead) also `budget_after_requests_ms`: what 5× leaves after the bare HTTP hops — below
 * zero, no page that asks the server first can meet it on this machine, however little it renders.
 */
export function summaryRow(s: TimedStepSummary, frameMs?: number | null, requestMs?: number | null) {
  const rc = s.inpage.roundcube.median_ms;
  const budget = rc === null ? null : round1(rc / 5);
  const left = (floor: number | null) => (budget === null || floor === null ? null : round1(budget - floor));
  return {
    mailroom_inpage_ms: s.inpage.mailroom.median_ms,
    roundcube_inpage_ms: rc,
    inpage_ratio: s.ratio,
    meets_5x: s.meets_5x,
    ...(frameMs === undefined ? {} : { budget_5x_ms: budget, budget_after_frame_ms: left(frameMs) }),
    ...(requestMs === undefined ? {} : { budget_after_requests_ms: left(requestMs) }),
    mailroom_wall_ms: s.wall.mailroom.median_ms,
    roundcube_wall_ms: s.wall.roundcube.median_ms,
    wall_ratio: s.wall_ratio,
    meets_5x_wall: s.meets_5x_wall,
  };
}

export interface WaterfallEntry {
  method: string;
  /** Path and query of the URL (the origin is the app's). */
  url: string;
  type: string;
  status: number | null;
  start_ms: number;
  end_ms: number | null;
  failed?: string;
}

/**
 * The longest chain of requests where each starts only after the one before it ended: 1 means
 * everything was asked for at once; account → folders → messages fetched one after another is 3.
 * Only the requests `counts` keeps (documents and fetch/XHR: the ones that carry data). One that has
 * not ended (a stream) can end a chain but never lead on.
 */
export function sequentialDepth(entries: WaterfallEntry[], counts: (e: WaterfallEntry) => boolean = (e) => ["document", "fetch", "xhr"].includes(e.type)): number {
  const kept = entries.filter(counts).sort((a, b) => a.start_ms - b.start_ms);
  const depth: number[] = [];
  let best = 0;
  for (let i = 0; i < kept.length; i++) {
    let d = 1;
    for (let j = 0; j < i; j++) {
      const end = kept[j]!.end_ms;
      if (end !== null && end <= kept[i]!.start_ms) d = Math.max(d, depth[j]! + 1);
    }
    depth.push(d);
    best = Math.max(best, d);
  }
  return best;
}
