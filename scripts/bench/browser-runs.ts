/**
 * One mailbox's A/B runs: for each scheduled run a fresh browser context signs in (step a) and then,
 * signed in, opens a message, switches folder and back, searches, and jumps to the oldest page.
 */
import { performance } from "node:perf_hooks";
import type { Browser, Page } from "@playwright/test";
import { alternation, sequentialDepth, timedStepSummary, type AppName, type StepTiming, type TimedStepSummary, type WaterfallEntry } from "./browser-plan";
import type { Creds, Driver } from "./browser-drivers";
import type { MailboxTargets } from "./browser-targets";

export const VIEWPORT = { width: 1440, height: 900 };

export const STEPS = {
  sign_in_first_page: "click 'Sign in' → the newest message's subject visible in the inbox list (fresh browser context)",
  open_message: "click a row of the first page → the body's first sentence visible (Roundcube: inside #messagecontframe)",
  switch_folder: "click the second folder (Archive) → its newest subject visible",
  switch_back: "click Inbox again → its newest subject visible (not one of the five issue-13 steps: shows a folder cache)",
  search: "type a three-digit term (only subjects hold digits: about 1 in 500 match), press Enter → the newest match's subject visible; each app's default search (Mailroom: from, subject and body; Roundcube: subject and from)",
  jump_oldest: "Mailroom's 'Oldest' / Roundcube's 'Last page' → the oldest message's subject visible (wall); in-page: any of the 50 oldest messages' subjects on screen (Roundcube's last page starts at its top, the oldest row below the fold)",
} as const;
export type StepKey = keyof typeof STEPS;
/**
 * Requests in a row a step needs when nothing was fetched ahead: sign-in posts the password and then loads
 * the mail; a folder not shown yet, a search, the oldest page and a message not prefetched ask once; a folder
 * shown before is painted from the tab's cache. The bench's request floor (scripts/bench/browser-floor.ts)
 * times that many bare GETs.
 */
export const STEP_REQUESTS: Record<StepKey, 0 | 1 | 2> = { sign_in_first_page: 2, open_message: 1, switch_folder: 1, switch_back: 0, search: 1, jump_oldest: 1 };
/** The five steps issue 13 asks to be five times faster. */
export const TARGET_STEPS: StepKey[] = ["sign_in_first_page", "open_message", "switch_folder", "search", "jump_oldest"];

type RunResult = Record<StepKey, StepTiming | null>;

export interface MailboxRunOptions {
  browser: Browser;
  drivers: Record<AppName, Driver>;
  creds: Creds;
  targets: MailboxTargets;
  runs: number;
  warmups: number;
  deadlineS: number;
  /** Timeouts allowed for this app (else the bench stops: its selectors no longer match the app). */
  mayTimeOut: (app: AppName) => boolean;
  log: (m: string) => void;
  /** How long the network must be quiet before each action (default 250 ms). */
  quietMs?: number;
}

/**
 * Resolves once no request (other than a stream) has been in flight for `quietMs`, or after `maxMs`:
 * the pause between two things a person does, so one step's stragglers never land in the next one's time.
 */
function networkSettler(page: Page, quietMs = 250, maxMs = 5_000): () => Promise<void> {
  const inFlight = new Set<object>();
  let lastChange = performance.now();
  page.on("request", (r) => {
    if (r.resourceType() === "eventsource") return;
    inFlight.add(r);
    lastChange = performance.now();
  });
  const done = (r: object) => {
    if (inFlight.delete(r)) lastChange = performance.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return async () => {
    const deadline = performance.now() + maxMs;
    while (performance.now() < deadline && (inFlight.size > 0 || performance.now() - lastChange < quietMs)) await new Promise((r) => setTimeout(r, 25));
  };
}

/** Reloads the inbox when a step did not finish, so the next one starts from a known page; false if even that fails. */
async function recover(driver: Driver, page: Page, newest: string): Promise<boolean> {
  try {
    await driver.reset(page, newest);
    return true;
  } catch {
    return false;
  }
}

async function oneRun(opts: MailboxRunOptions, driver: Driver, round: number): Promise<RunResult> {
  const t = opts.targets;
  const result: RunResult = { sign_in_first_page: null, open_message: null, switch_folder: null, switch_back: null, search: null, jump_oldest: null };
  const context = await opts.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const settled = networkSettler(page, opts.quietMs);
    // Before every timed action: the page is quiet and the app takes clicks (neither is timed).
    const pause = async () => {
      await settled();
      await driver.ready(page);
    };
    await driver.openSignIn(page, opts.creds);
    await pause();
    result.sign_in_first_page = await driver.signIn(page, t.newest_subject);
    let ok = result.sign_in_first_page !== null || (await recover(driver, page, t.newest_subject));
    if (!ok) return result;
    const message = t.open[(round + opts.warmups - 1) % t.open.length]!;
    await pause();
    result.open_message = await driver.openMessage(page, message);
    if (result.open_message === null && !(await recover(driver, page, t.newest_subject))) return result;
    await pause();
    result.switch_folder = await driver.switchFolder(page, t.folder, t.folder_newest_subject);
    if (result.switch_folder !== null) {
      await pause();
      result.switch_back = await driver.switchFolder(page, "INBOX", t.newest_subject);
    }
    if (result.switch_back === null && !(await recover(driver, page, t.newest_subject))) return result;
    await pause();
    result.search = await driver.search(page, t.search_term, t.search_first_subject);
    ok = await recover(driver, page, t.newest_subject);
    if (!ok) return result;
    await pause();
    result.jump_oldest = await driver.jumpOldest(page, t.oldest_subject, t.oldest_page_subjects);
    return result;
  } finally {
    await context.close();
  }
}

export interface MailboxResult {
  runs: number;
  warmups: number;
  order: string[];
  steps: Record<StepKey, TimedStepSummary>;
  /** On the in-page times; meets_5x_all_wall: the same on the wall-clock times. */
  meets_5x_all: boolean | null;
  meets_5x_all_wall: boolean | null;
}

export async function runMailbox(opts: MailboxRunOptions): Promise<MailboxResult> {
  const schedule = alternation(opts.runs, opts.warmups);
  const samples: Record<AppName, RunResult[]> = { mailroom: [], roundcube: [] };
  for (const run of schedule) {
    const t0 = performance.now();
    const r = await oneRun(opts, opts.drivers[run.app], run.round);
    // wall/in-page ms; "-" where the in-page timer did not see the element on screen.
    const shown = Object.entries(r).map(([k, v]) => `${k} ${v === null ? "timeout" : `${Math.round(v.wall_ms)}/${v.inpage_ms === null ? "-" : Math.round(v.inpage_ms)}`}`);
    opts.log(`  ${opts.targets.user} ${run.warmup ? "warm-up" : `run ${run.round}`} ${run.app}: ${shown.join(", ")} (${Math.round(performance.now() - t0)} ms)`);
    if (!run.warmup) samples[run.app].push(r);
  }
  const steps = {} as Record<StepKey, TimedStepSummary>;
  for (const key of Object.keys(STEPS) as StepKey[]) {
    const per = (app: AppName) => samples[app].map((r) => r[key]);
    steps[key] = timedStepSummary(STEPS[key], per("mailroom"), per("roundcube"), opts.deadlineS);
    for (const app of ["mailroom", "roundcube"] as const) {
      if (!opts.mayTimeOut(app) && steps[key].wall[app].median_ms === null) {
        throw new Error(`${app}: step ${key} did not finish within ${opts.deadlineS} s in ${steps[key].wall[app].timed_out} of ${opts.runs} runs on ${opts.targets.user}: the app is broken or scripts/bench/browser-drivers.ts no longer matches its page`);
      }
    }
  }
  const all = (verdicts: (boolean | null)[]) => (verdicts.some((v) => v === false) ? false : verdicts.every((v) => v === true) ? true : null);
  return {
    runs: opts.runs,
    warmups: opts.warmups,
    order: schedule.map((s) => `${s.warmup ? "warm-up" : s.round}:${s.app}`),
    steps,
    meets_5x_all: all(TARGET_STEPS.map((k) => steps[k].meets_5x)),
    meets_5x_all_wall: all(TARGET_STEPS.map((k) => steps[k].meets_5x_wall)),
  };
}

/**
 * Every request Mailroom's page makes from the click on "Sign in" until the first page is on screen
 * (and for a second after it, marked so), with start/end relative to the click.
 */
export async function signInWaterfall(browser: Browser, driver: Driver, creds: Creds, newest: string, settleMs = 1000) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await driver.openSignIn(page, creds);
    const entries = new Map<object, WaterfallEntry>();
    const base = new URL(driver.url);
    let clickAt = performance.now();
    const at = () => Math.round((performance.now() - clickAt) * 10) / 10;
    page.on("request", (r) => {
      const u = new URL(r.url());
      entries.set(r, { method: r.method(), url: u.origin === base.origin ? u.pathname + u.search : r.url(), type: r.resourceType(), status: null, start_ms: at(), end_ms: null });
    });
    page.on("requestfinished", (r) => {
      const e = entries.get(r);
      if (!e) return;
      e.end_ms = at();
      void r.response().then((res) => (e.status = res?.status() ?? null), () => undefined);
    });
    page.on("requestfailed", (r) => {
      const e = entries.get(r);
      if (e) Object.assign(e, { end_ms: at(), failed: r.failure()?.errorText ?? "failed" });
    });
    clickAt = performance.now();
    const timing = await driver.signIn(page, newest);
    if (timing === null) throw new Error(`${driver.app}: sign-in for the waterfall did not finish`);
    // The requests are timed on this process's clock: so is the end of the step here.
    const visible = timing.wall_ms;
    await page.waitForTimeout(settleMs);
    const all = [...entries.values()].filter((e) => e.start_ms >= 0).sort((a, b) => a.start_ms - b.start_ms);
    const before = all.filter((e) => e.start_ms <= visible);
    const data = before.filter((e) => ["document", "fetch", "xhr"].includes(e.type));
    return {
      description: "requests after the click on 'Sign in' (ms from the click); before_visible: started before the first page was on screen",
      visible_ms: Math.round(visible * 10) / 10,
      requests_before_visible: before.length,
      data_requests_before_visible: data.map((e) => `${e.method} ${e.url}`),
      // 1: the first page needed one round of requests; account → folders → messages one after another is 3+.
      sequential_depth_before_visible: sequentialDepth(before.map((e) => ({ ...e, end_ms: e.end_ms !== null && e.end_ms <= visible ? e.end_ms : null }))),
      entries: all.map((e) => ({ ...e, before_visible: e.start_ms <= visible })),
    };
  } finally {
    await context.close();
  }
}
