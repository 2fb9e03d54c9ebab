import { expect, test, type Page, type Request } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, testUser } from "./helpers/imap";
import { htmlMessage, plainMessage, SEED_EPOCH } from "../scripts/seed-lib";
import { installRenderCounter, rowRenders, startRenderCount } from "./helpers/render-count";

/*
 * Issue 13, "click → body painted": a click on a prefetched row shows the message in the click's own
 * render (no request, no loading state, no frame with the previous message), a click on any row starts
 * its request in the click handler, and a click re-renders only the row closed and the row opened.
 */
const user = testUser(457);
const from = { name: "Instant Test", address: "instant@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
let uids: number[] = [];

test.beforeAll(async () => {
  await resetMailbox(user);
  // Newest first in the list: theta … alpha. Every other one is HTML (srcdoc frame), the rest plain text.
  uids = await appendMessages(user, "INBOX", words.map((w, i) => (i % 2
    ? htmlMessage({ from, to: user.email, subject: `Instant ${w}`, date: at(i + 1), html: `<html><body><p>The ${w} html body.</p></body></html>` })
    : plainMessage({ from, to: user.email, subject: `Instant ${w}`, date: at(i + 1), text: `The ${w} text body.` }))));
});

test.beforeEach(async ({ page }) => {
  await installRenderCounter(page);
});

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, w: string) => list(page).getByRole("button", { name: new RegExp(`Instant ${w}\\b`) }).first();
const uidOf = (w: string) => uids[words.indexOf(w)]!;
const isMessageRequest = (r: Request, uid: number) => new RegExp(`^/api/messages/${uid}(/body)?$`).test(new URL(r.url()).pathname);

/**
 * Clicks the row from a script and reports what the page showed: right after the click's microtasks
 * (where React flushes a click's render), and every state the pane went through until the subject shows.
 */
async function clickAndWatch(page: Page, uid: number, subject: string) {
  return page.evaluate(async ({ uid, subject }) => {
    const pane = () => document.querySelector('section[aria-label="Message"]');
    const seen = { loading: false, subjects: [] as string[] };
    const look = () => {
      if (pane()?.querySelector('[aria-busy="true"]')) seen.loading = true;
      const h = pane()?.querySelector("h2")?.textContent ?? "";
      if (h && seen.subjects[seen.subjects.length - 1] !== h) seen.subjects.push(h);
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const fetched: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      fetched.push(`${init?.method ?? "GET"} ${new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, location.href).pathname}`);
      return realFetch(input, init);
    };
    document.querySelector<HTMLElement>(`[role="listitem"][data-uid="${uid}"] [data-row-button]`)!.click();
    const inHandler = [...fetched];
    window.fetch = realFetch;
    await Promise.resolve();
    look();
    const afterClick = { subject: pane()?.querySelector("h2")?.textContent ?? null, text: pane()?.textContent ?? "", frame: !!pane()?.querySelector("iframe[srcdoc]") };
    await new Promise<void>((resolve) => {
      const check = () => (pane()?.querySelector("h2")?.textContent === subject ? resolve() : setTimeout(check, 10));
      check();
    });
    observer.disconnect();
    return { afterClick, seen, inHandler };
  }, { uid, subject });
}

/** Hovers the row until its prefetch is kept (it may already be: a neighbour of the open message). */
async function prefetched(page: Page, w: string) {
  await row(page, w).hover();
  await page.waitForFunction((key) => (globalThis as { __mailroomMessagePrefetch?: { has(k: string): boolean } }).__mailroomMessagePrefetch?.has(key), `INBOX\u0000${uidOf(w)}`);
}

test("a click on a prefetched row shows it in the click's own render: no request, no loading state, never the previous message", async ({ page }) => {
  await signIn(page, user);
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  // The first open (nothing open before) and a switch from an open message, plain text and HTML.
  for (const [w, kind] of [["gamma", "text"], ["delta", "html"], ["alpha", "text"]] as const) {
    await prefetched(page, w);
    const before = requests.length;
    const { afterClick, seen } = await clickAndWatch(page, uidOf(w), `Instant ${w}`);
    expect(afterClick.subject, `${w}: the subject is there right after the click`).toBe(`Instant ${w}`);
    if (kind === "text") expect(afterClick.text).toContain(`The ${w} text body.`);
    else expect(afterClick.frame, `${w}: the srcdoc frame is there right after the click`).toBe(true);
    expect(seen.loading, `${w}: no loading state`).toBe(false);
    expect(seen.subjects, `${w}: the pane went straight to it`).toEqual([`Instant ${w}`]);
    await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf(w)}\\b`));
    if (kind === "html") await expect(page.frameLocator("section[aria-label=Message] iframe").first().getByText(`The ${w} html body.`)).toBeVisible();
    else await expect(page.locator("section[aria-label=Message]").getByText(`The ${w} text body.`)).toBeVisible();
    // Opening marks it read: the only request for it is the mark-read POST.
    await expect(row(page, w)).not.toHaveAccessibleName(/unread/);
    const forIt = requests.slice(before).filter((r) => isMessageRequest(r, uidOf(w))).map((r) => r.method());
    expect(forIt, `${w}: requests for the message`).toEqual(["POST"]);
  }
  await expect.poll(async () => (await flagsOf(user, "INBOX", uidOf("alpha")))?.has("\\Seen")).toBe(true);
  // Back goes to the message before, forward again: the URL is still the truth.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 2, name: "Instant delta" })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole("heading", { level: 2, name: "Instant alpha" })).toBeVisible();
});

test("a click on a row nobody prefetched starts its request in the click handler, before React renders", async ({ page }) => {
  await signIn(page, user);
  const { inHandler, seen } = await clickAndWatch(page, uidOf("epsilon"), "Instant epsilon");
  expect(inHandler).toEqual([`GET /api/messages/${uidOf("epsilon")}`]);
  expect(seen.subjects).toEqual(["Instant epsilon"]);
  await expect(page.locator("section[aria-label=Message]").getByText("The epsilon text body.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("epsilon")}\\b`));

  // A mouse button pressed on a row (before its click, and in browsers that do not focus a button on
  // press) starts its prefetch: a GET, which never marks it read.
  const pressed = page.waitForRequest((r) => isMessageRequest(r, uidOf("eta")) && r.method() === "GET");
  await page.evaluate((uid) => {
    const button = document.querySelector(`[role="listitem"][data-uid="${uid}"] [data-row-button]`)!;
    button.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, pointerType: "mouse", button: 0 }));
  }, uidOf("eta"));
  await pressed;
  await expect(row(page, "eta")).toHaveAccessibleName(/unread/);
});

test("a click re-renders only the row it closes and the row it opens; j and k still step", async ({ page }) => {
  await signIn(page, user);
  await row(page, "zeta").click();
  await expect(page.getByRole("heading", { level: 2, name: "Instant zeta" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await startRenderCount(page);
  await prefetched(page, "beta");
  await row(page, "beta").click();
  await expect(page.getByRole("heading", { level: 2, name: "Instant beta" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("beta")}\\b`));
  await page.waitForLoadState("networkidle");
  const rendered = await rowRenders(page);
  expect(Object.keys(rendered).map(Number).sort((a, b) => a - b)).toEqual([uidOf("beta"), uidOf("zeta")].sort((a, b) => a - b));
  // j: the next (older) message; k: back.
  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { level: 2, name: "Instant alpha" })).toBeVisible();
  await page.keyboard.press("k");
  await expect(page.getByRole("heading", { level: 2, name: "Instant beta" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("beta")}\\b`));
});
