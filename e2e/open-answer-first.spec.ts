import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { fiberWalkScript } from "./helpers/render-count";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13, a click on a message nobody fetched ahead: nothing renders in front of its answer. The click
 * shows nothing new until the answer lands (the loading state only after a tenth of a second), the
 * answer is rendered once with its body, and the address (Next's router renders the whole app for it)
 * is written only after that frame. A key pressed meanwhile hands the open to the app, which shows what
 * the key asked for, not the click's late answer. User t450 is this spec's own.
 */
const user = testUser(450);
const from = { name: "Answer First", address: "answer@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
let uids: number[] = [];

test.beforeAll(async () => {
  await resetMailbox(user);
  uids = await appendMessages(user, "INBOX", words.map((w, i) => plainMessage({ from, to: user.email, subject: `Answer ${w}`, date: at(i + 1), text: `The ${w} answer body, first sentence.` })));
});

test.use({ viewport: { width: 1440, height: 900 } });

/*
 * The reading pane's own hook values, read through the hook React DevTools uses (called on every commit,
 * in production too; e2e/helpers/render-count.ts finds rows the same way): the pane is the component
 * whose props hold `state`, `onBack` and `toolbar`. Kept: the plain numbers its hooks hold (the uid its
 * secondary parts are rendered for — useDeferredValue — and the one presence is announced on).
 */
const PANE_HOOKS = fiberWalkScript(
  "const state = { numbers: [] }; window.__paneHooks = state;",
  `(f) => {
    const p = f.memoizedProps;
    if (!(f.memoizedState && p && typeof p === "object" && typeof p.onBack === "function" && "state" in p && "toolbar" in p)) return false;
    const numbers = [];
    for (let h = f.memoizedState; h; h = h.next) if (typeof h.memoizedState === "number") numbers.push(h.memoizedState);
    state.numbers = numbers;
    return true;
  }`,
);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(PANE_HOOKS);
});

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, w: string) => list(page).getByRole("button", { name: new RegExp(`Answer ${w}\\b`) }).first();
const uidOf = (w: string) => uids[words.indexOf(w)]!;
const pane = (page: Page) => page.locator('section[aria-label="Message"]');

/** The message's GET answers `ms` late (as under load, or a slow server). */
async function delayAnswer(page: Page, w: string, ms: number) {
  await page.route(`**/api/messages/${uidOf(w)}?*`, async (route) => {
    if (route.request().method() === "GET") await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Opens `w` by a click, so that the list and the pane are in their everyday state. */
async function openFirst(page: Page, w: string) {
  await row(page, w).click();
  await expect(pane(page).getByText(`The ${w} answer body, first sentence.`)).toBeVisible();
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

/**
 * Clicks the row from a script and records, in the page, every state the pane went through (loading
 * state, subject, body) and what the pane showed when the address was written.
 */
async function clickAndRecord(page: Page, w: string, click = true) {
  await page.evaluate(({ uid, click }) => {
    const body = (w: string) => `The ${w} answer body, first sentence.`;
    const pane = () => document.querySelector('section[aria-label="Message"]');
    const hooks = (window as unknown as { __paneHooks: { numbers: number[] } }).__paneHooks;
    const rec = { states: [] as string[], pushedWith: [] as string[], afterClick: "", paneHeldUid: [] as boolean[], loadingAfterMs: null as number | null };
    let clickedAt = 0;
    (window as unknown as { __rec: typeof rec }).__rec = rec;
    const state = () => {
      const p = pane();
      if (!p) return "none";
      if (p.querySelector('[aria-busy="true"]')) return "loading";
      // "Answer zeta +body": the subject, and whether that message's own body is there too.
      const subject = p.querySelector("h2")?.textContent ?? "";
      return `${subject}${(p.textContent ?? "").includes(body(subject.replace(/^Answer /, ""))) ? " +body" : ""}`;
    };
    const look = () => {
      const s = state();
      if (rec.states[rec.states.length - 1] !== s) rec.states.push(s);
      if (s === "loading" && rec.loadingAfterMs === null) rec.loadingAfterMs = performance.now() - clickedAt;
    };
    look();
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
    const push = history.pushState.bind(history);
    history.pushState = (data, unused, url) => {
      if (url && new URL(String(url), location.href).searchParams.get("m") === String(uid)) {
        rec.pushedWith.push(state());
        rec.paneHeldUid.push(hooks.numbers.includes(uid));
      }
      return push(data, unused, url);
    };
    clickedAt = performance.now();
    if (!click) return;
    document.querySelector<HTMLElement>(`[role="listitem"][data-uid="${uid}"] [data-row-button]`)!.click();
    // Where React flushes a click's render: the microtasks after the handler.
    void Promise.resolve().then(() => (rec.afterClick = state()));
  }, { uid: uidOf(w), click });
}

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __rec: { states: string[]; pushedWith: string[]; afterClick: string; paneHeldUid: boolean[]; loadingAfterMs: number | null } }).__rec);

test("a row nobody prefetched: the click renders nothing until its answer, which shows with its body; the address follows that frame", async ({ page }) => {
  await signIn(page, user);
  await openFirst(page, "alpha");
  // Later than a frame, well within the tenth of a second a person reads as the click's own answer.
  await delayAnswer(page, "epsilon", 40);
  await clickAndRecord(page, "epsilon");
  await expect(pane(page).getByText("The epsilon answer body, first sentence.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("epsilon")}\\b`));
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await expect(list(page).locator(`[role="listitem"][data-uid="${uidOf("epsilon")}"] [aria-current="true"]`)).toHaveCount(1);
  const rec = await recorded(page);
  expect(rec.afterClick, "the click's render leaves the message before on screen").toBe("Answer alpha +body");
  // No frame with the subject but not the body: the message before, then the answer. A loading state only
  // if the answer took longer than LOADING_AFTER_MS (120 ms; a loaded machine may take that long).
  expect(rec.states.filter((s) => s !== "Answer alpha +body" && s !== "loading")).toEqual(["Answer epsilon +body"]);
  if (rec.loadingAfterMs !== null) expect(rec.loadingAfterMs).toBeGreaterThanOrEqual(115);
  // Next's router renders the whole app for a new address: not while the answer is on its way.
  expect(rec.pushedWith).toEqual(["Answer epsilon +body"]);
  // The pane's secondary parts (a deferred second render of the whole pane) wait for the app to catch up:
  // they are not rendered for the new message right behind the answer's frame.
  expect(rec.paneHeldUid, "no deferred render for the new message before the app catches up").toEqual([false]);
  // Back still goes to the message before.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 2, name: "Answer alpha" })).toBeVisible();
});

test("a slow answer gets the loading state after a tenth of a second, not in the click's render", async ({ page }) => {
  await signIn(page, user);
  await openFirst(page, "alpha");
  await delayAnswer(page, "delta", 800);
  await clickAndRecord(page, "delta");
  await expect(pane(page).locator('[aria-busy="true"]')).toBeVisible();
  await expect(pane(page).getByText("The delta answer body, first sentence.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("delta")}\\b`));
  const rec = await recorded(page);
  expect(rec.afterClick).toBe("Answer alpha +body");
  expect(rec.states.filter((s) => s !== "Answer alpha +body")).toEqual(["loading", "Answer delta +body"]);
  expect(rec.loadingAfterMs).toBeGreaterThanOrEqual(115);
  expect(rec.pushedWith).toEqual(["Answer delta +body"]);
});

test("a key pressed before a click's answer acts from the clicked message; the late answer does not take the pane back", async ({ page }) => {
  await signIn(page, user);
  await openFirst(page, "alpha");
  await delayAnswer(page, "zeta", 500);
  const zetaAnswered = page.waitForResponse((r) => r.url().includes(`/api/messages/${uidOf("zeta")}?`) && r.request().method() === "GET");
  await clickAndRecord(page, "zeta");
  // j, before zeta's answer: steps from zeta (newest first: zeta, epsilon, …).
  await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "j", code: "KeyJ", bubbles: true })));
  await expect(page.getByRole("heading", { level: 2, name: "Answer epsilon" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("epsilon")}\\b`));
  // zeta's answer lands meanwhile (and has two frames to show itself); the pane stays on the message the key opened.
  await (await zetaAnswered).finished();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.getByRole("heading", { level: 2, name: "Answer epsilon" })).toBeVisible();
  await expect(pane(page).getByText("The epsilon answer body, first sentence.")).toBeVisible();
});

test("a double click on a row nobody prefetched shows it once: the body, never the message before again", async ({ page }) => {
  await signIn(page, user);
  await openFirst(page, "alpha");
  await delayAnswer(page, "gamma", 60);
  await clickAndRecord(page, "gamma", false);
  await row(page, "gamma").dblclick();
  await expect(pane(page).getByText("The gamma answer body, first sentence.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("gamma")}\\b`));
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const rec = await recorded(page);
  // The first click's open is superseded by the second's; dropping it must not take the pane back.
  expect(rec.states.filter((s) => s !== "loading")).toEqual(["Answer alpha +body", "Answer gamma +body"]);
  // One address for the two clicks: Back goes to the message before.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 2, name: "Answer alpha" })).toBeVisible();
});
