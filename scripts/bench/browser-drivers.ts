/**
 * The same five things a person does, in Mailroom and in Roundcube, each timed two ways from the user's
 * action (click / Enter) until what they wait for is visible on screen:
 * - wall: performance.now() in this process around the action plus Playwright's wait for the element
 *   (includes Playwright's own cost: actionability checks, CDP round trips, its polling wait);
 * - in-page: from the input event's timestamp to the frame that painted the element, recorded in the
 *   page (scripts/bench/inpage-script.ts), the same visibility test for both apps.
 * Setup (typing, going back) is not timed.
 */
import { performance } from "node:perf_hooks";
import type { Locator, Page } from "@playwright/test";
import type { AppName, StepTiming } from "./browser-plan";
import { anySubjectPattern, subjectPattern, type OpenTarget } from "./browser-targets";
import { armStep, disarmStep, inpageMs, readStep, watchText, type WatchSpec } from "./inpage-timer";

export interface Creds {
  email: string;
  password: string;
}

export interface Driver {
  app: AppName;
  url: string;
  /** Loads the sign-in page and fills it in (not timed). */
  openSignIn(page: Page, creds: Creds): Promise<void>;
  /** Clicks "Sign in" → the newest message's subject visible in the list. */
  signIn(page: Page, newestSubject: string): Promise<StepTiming | null>;
  /** Clicks a row → the body's first sentence visible in the reading pane. */
  openMessage(page: Page, m: OpenTarget): Promise<StepTiming | null>;
  /** Clicks a folder in the folder list → its newest subject visible. */
  switchFolder(page: Page, folder: string, newestSubject: string): Promise<StepTiming | null>;
  /** Types the term (not timed), presses Enter → the newest match's subject visible. */
  search(page: Page, term: string, firstSubject: string): Promise<StepTiming | null>;
  /**
   * The app's own control for the end of the folder → the oldest message's subject visible (wall); in the
   * page: any of the oldest page's subjects on screen (Roundcube's oldest row is below its list's fold).
   */
  jumpOldest(page: Page, oldestSubject: string, oldestPageSubjects: string[]): Promise<StepTiming | null>;
  /** Loads the inbox afresh (not timed): the state every step after a search or a failure starts from. */
  reset(page: Page, newestSubject: string): Promise<void>;
  /** Waits (not timed) until the app takes clicks again, as a person waits for a "Loading…" to go. */
  ready(page: Page): Promise<void>;
}

export class StepTimeout extends Error {}

/**
 * Times action + visible both ways; null when `until` is not visible by the deadline (the page is then
 * reset by the caller). `watch` is what the in-page timer waits for: the same thing as `until`.
 */
export async function timeStep(page: Page, watch: WatchSpec, action: () => Promise<void>, until: Locator, deadlineMs: number): Promise<StepTiming | null> {
  await armStep(page, watch);
  const t0 = performance.now();
  try {
    await action();
    await until.waitFor({ state: "visible", timeout: Math.max(1, deadlineMs - (performance.now() - t0)) });
  } catch (err) {
    if ((err as Error).name === "TimeoutError") {
      await disarmStep(page);
      return null;
    }
    throw err;
  }
  const wall = performance.now() - t0;
  // null when the in-page test never saw it on screen (e.g. below the list's fold): reported, not guessed.
  return { wall_ms: wall, inpage_ms: inpageMs(await readStep(page)) };
}

/** What the in-page timer waits for in each app: the same elements as the locators below. */
export const WATCH = {
  mailroom: {
    list: (subject: string) => watchText('[role="list"][aria-label="Message list"]', subjectPattern(subject)),
    listAny: (subjects: string[]) => watchText('[role="list"][aria-label="Message list"]', anySubjectPattern(subjects)),
    body: (sentence: string) => watchText('section[aria-label="Message"]', sentence),
  },
  roundcube: {
    list: (subject: string) => watchText("#messagelist", subjectPattern(subject)),
    listAny: (subjects: string[]) => watchText("#messagelist", anySubjectPattern(subjects)),
    body: (sentence: string) => watchText("body", sentence, "#messagecontframe"),
  },
} as const;

export function mailroomDriver(url: string, deadlineMs: number): Driver {
  const w = WATCH.mailroom;
  const list = (page: Page) => page.getByRole("list", { name: "Message list" });
  const inList = (page: Page, subject: string) => list(page).getByText(subjectPattern(subject)).first();
  const folderLink = (page: Page, folder: string) =>
    page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: new RegExp(`^${folder === "INBOX" ? "Inbox" : folder}\\b`) });
  return {
    app: "mailroom",
    url,
    async openSignIn(page, creds) {
      await page.goto(`${url}/login`, { waitUntil: "networkidle" });
      await page.getByLabel("Email").fill(creds.email);
      await page.getByLabel("Password").fill(creds.password);
    },
    signIn: (page, newest) => timeStep(page, w.list(newest), () => page.getByRole("button", { name: "Sign in" }).click(), inList(page, newest), deadlineMs),
    openMessage: (page, m) =>
      timeStep(
        page,
        w.body(m.sentence),
        () => list(page).getByRole("button", { name: subjectPattern(m.subject) }).first().click(),
        page.getByRole("region", { name: "Message" }).getByText(m.sentence).first(),
        deadlineMs,
      ),
    switchFolder: (page, folder, newest) => timeStep(page, w.list(newest), () => folderLink(page, folder).first().click(), inList(page, newest), deadlineMs),
    async search(page, term, first) {
      const box = page.getByRole("searchbox", { name: "Search mail" });
      await box.fill(term);
      return timeStep(page, w.list(first), () => box.press("Enter"), inList(page, first), deadlineMs);
    },
    jumpOldest: (page, oldest, oldestPage) =>
      timeStep(page, w.listAny(oldestPage), () => page.getByRole("button", { name: "Oldest", exact: true }).click(), inList(page, oldest), deadlineMs),
    async reset(page, newest) {
      await page.goto(`${url}/mail/INBOX`);
      await inList(page, newest).waitFor({ state: "visible", timeout: deadlineMs });
    },
    // React takes a click at any time; nothing to wait for beyond the network settling (the caller's).
    ready: async () => undefined,
  };
}

export function roundcubeDriver(url: string, deadlineMs: number): Driver {
  const w = WATCH.roundcube;
  const list = (page: Page) => page.locator("#messagelist");
  const inList = (page: Page, subject: string) => list(page).getByText(subjectPattern(subject)).first();
  return {
    app: "roundcube",
    url,
    async openSignIn(page, creds) {
      await page.goto(`${url}/?_task=login`, { waitUntil: "networkidle" });
      await page.locator("#rcmloginuser").fill(creds.email);
      await page.locator("#rcmloginpwd").fill(creds.password);
    },
    signIn: (page, newest) => timeStep(page, w.list(newest), () => page.locator("#rcmloginsubmit").click(), inList(page, newest), deadlineMs),
    // The preview pane is an iframe: the sentence is waited for inside it.
    openMessage: (page, m) =>
      timeStep(
        page,
        w.body(m.sentence),
        () => list(page).locator("tr", { hasText: subjectPattern(m.subject) }).first().locator("span.subject").click(),
        page.frameLocator("#messagecontframe").getByText(m.sentence).first(),
        deadlineMs,
      ),
    switchFolder: (page, folder, newest) => timeStep(page, w.list(newest), () => page.locator(`#mailboxlist a[rel="${folder}"]`).click(), inList(page, newest), deadlineMs),
    async search(page, term, first) {
      const box = page.locator("#mailsearchform");
      await box.fill(term);
      return timeStep(page, w.list(first), () => box.press("Enter"), inList(page, first), deadlineMs);
    },
    jumpOldest: (page, oldest, oldestPage) => timeStep(page, w.listAny(oldestPage), () => page.locator("a.lastpage").first().click(), inList(page, oldest), deadlineMs),
    async reset(page, newest) {
      await page.goto(`${url}/?_task=mail&_mbox=INBOX&_page=1`);
      await inList(page, newest).waitFor({ state: "visible", timeout: deadlineMs });
    },
    // Roundcube drops commands while busy (app.js: `if (this.busy …) return false`), e.g. until the
    // preview frame has fully loaded, and shows "Loading…" meanwhile: a person waits for it to go.
    async ready(page) {
      await page
        .waitForFunction(() => !(window as unknown as { rcmail?: { busy?: boolean } }).rcmail?.busy, null, { timeout: 10_000 })
        .catch(() => undefined);
    },
  };
}
