import { expect, test, type Page, type Request } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13, "click → body painted" with nothing else in the way: on a wide screen a click renders the
 * reading pane alone (the list's selection, the toolbar and the pane's secondary parts follow after the
 * frame that shows the body); a message not fetched ahead gets its GET with nothing sent beside it (the
 * presence "left" waits), marked as an open, not a guess; the pane's assignment and notes share one
 * request. Users t431–t432 are this spec's own.
 */
const user = testUser(431);
const phone = testUser(432);
const from = { name: "Pane First", address: "pane@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
let uids: number[] = [];

test.beforeAll(async () => {
  await resetMailbox(user);
  await resetMailbox(phone);
  const mail = words.map((w, i) => plainMessage({ from, to: user.email, subject: `Pane ${w}`, date: at(i + 1), text: `The ${w} body, first sentence.` }));
  uids = await appendMessages(user, "INBOX", mail);
  await appendMessages(phone, "INBOX", mail);
});

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, w: string) => list(page).getByRole("button", { name: new RegExp(`Pane ${w}\\b`) }).first();
const uidOf = (w: string) => uids[words.indexOf(w)]!;
const pane = (page: Page) => page.locator('section[aria-label="Message"]');
const forMessage = (r: Request, uid: number) => new URL(r.url()).pathname === `/api/messages/${uid}` && r.method() === "GET";

/** Clicks the row from a script; reports the page right after the click's microtasks (where React flushes a click's render). */
async function clickAndLook(page: Page, uid: number) {
  return page.evaluate(async (uid) => {
    document.querySelector<HTMLElement>(`[role="listitem"][data-uid="${uid}"] [data-row-button]`)!.click();
    await Promise.resolve();
    const section = document.querySelector('section[aria-label="Message"]');
    return {
      subject: section?.querySelector("h2")?.textContent ?? null,
      text: section?.textContent ?? "",
      busy: !!section?.querySelector('[aria-busy="true"]'),
      // A toolbar that can be used (the one of the message before may stay in place, inert, for that frame).
      toolbar: !!section?.querySelector("[data-reading-toolbar]:not([inert] *)"),
      rowCurrent: document.querySelector(`[role="listitem"][data-uid="${uid}"] [aria-current="true"]`) !== null,
    };
  }, uid);
}

test.use({ viewport: { width: 1440, height: 900 } });

test("a click on a prefetched row renders the pane alone: subject and body at once; the selection and the toolbar follow after that frame", async ({ page }) => {
  await signIn(page, user);
  await row(page, "alpha").click();
  await expect(pane(page).getByText("The alpha body, first sentence.")).toBeVisible();
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  await row(page, "gamma").hover();
  await page.waitForFunction((key) => (globalThis as { __mailroomMessagePrefetch?: { has(k: string): boolean } }).__mailroomMessagePrefetch?.has(key), `INBOX\u0000${uidOf("gamma")}`);
  const shown = await clickAndLook(page, uidOf("gamma"));
  expect(shown.subject).toBe("Pane gamma");
  expect(shown.text).toContain("The gamma body, first sentence.");
  expect(shown.busy).toBe(false);
  // The rest of the app has not rendered yet: the previous message's toolbar cannot act on this one.
  expect(shown.toolbar, "no usable toolbar in the click's render").toBe(false);
  expect(shown.rowCurrent, "the row's selection follows after the paint").toBe(false);

  // …and follows: the toolbar for this message, the row selected, the address written.
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await expect(list(page).locator(`[role="listitem"][data-uid="${uidOf("gamma")}"] [aria-current="true"]`)).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("gamma")}\\b`));
  await expect(row(page, "gamma")).not.toHaveAccessibleName(/unread/);
  // Back still goes to the message before.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 2, name: "Pane alpha" })).toBeVisible();
});

test("a row nobody prefetched: its GET is an open (not a guess), nothing else is sent before its answer, and the body shows", async ({ page }) => {
  await signIn(page, user);
  await row(page, "beta").click();
  await expect(pane(page).getByText("The beta body, first sentence.")).toBeVisible();
  await page.waitForLoadState("networkidle");

  // The message's answer comes late (as under load): whatever the click sends beside it shows up first.
  const epsilon = uidOf("epsilon");
  let answered = false;
  await page.route(`**/api/messages/${epsilon}?*`, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
    answered = true;
  });
  const sent: { path: string; method: string; early: boolean; prefetch: string | undefined }[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    // The open message's own presence heartbeat (every 10 s) may fall in the window; its "left" may not.
    const heartbeat = path === "/api/presence" && !/"activity":null/.test(r.postData() ?? "");
    if (path.startsWith("/api/") && path !== "/api/events" && !heartbeat) sent.push({ path, method: r.method(), early: !answered, prefetch: r.headers()["x-mailroom-prefetch"] });
  });
  const shown = await clickAndLook(page, epsilon);
  // Nothing new in the click's render (e2e/open-answer-first.spec.ts): the loading state comes only for a late answer.
  expect(shown.busy, "no loading state in the click's render").toBe(false);
  expect(shown.subject).toBe("Pane beta");
  await expect(pane(page).locator('[aria-busy="true"]')).toBeVisible();
  await expect(pane(page).getByText("The epsilon body, first sentence.")).toBeVisible();
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // What the click itself sends (the folder counts may refresh on their own, from the live stream).
  const early = sent.filter((s) => s.early && (s.path === "/api/presence" || s.path.startsWith("/api/messages/")));
  expect(early.map((s) => `${s.method} ${s.path}`), "only the message's GET before its answer").toEqual([`GET /api/messages/${epsilon}`]);
  expect(early[0]!.prefetch, "an open is not marked as a prefetch").toBeUndefined();
  // The pane's assignment and notes ask once between them. They mount with the app's catch-up render, which
  // under load may come after "networkidle" (500 ms without a request): wait for the ask, count it at the end.
  const notes = () => sent.filter((s) => s.method === "GET" && s.path === `/api/messages/${epsilon}/notes`);
  await expect.poll(() => notes().length).toBeGreaterThan(0);
  // Its neighbours are then fetched ahead, as guesses the server puts behind real work: after the app has
  // caught up and painted (waitForLoadState("networkidle") above returns at once, long after the page loaded).
  const guesses = () => sent.filter((s) => s.method === "GET" && /^\/api\/messages\/\d+$/.test(s.path) && s.path !== `/api/messages/${epsilon}`);
  await expect.poll(() => guesses().length).toBeGreaterThan(0);
  for (const g of guesses()) expect(g.prefetch).toBe("1");
  expect(notes()).toHaveLength(1);
});

test("j pressed twice in a row steps twice from the message on screen (keys keep the app's own render)", async ({ page }) => {
  await signIn(page, user);
  await row(page, "zeta").click();
  await expect(page.getByRole("heading", { level: 2, name: "Pane zeta" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("zeta")}\\b`));
  // Two presses in two tasks back to back, faster than a frame (a held key repeats about as fast): the
  // second steps from the first one's message.
  await page.evaluate(async () => {
    const press = () => (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent("keydown", { key: "j", code: "KeyJ", bubbles: true }));
    press();
    await new Promise((r) => setTimeout(r, 0));
    press();
  });
  await expect(page.getByRole("heading", { level: 2, name: "Pane delta" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${uidOf("delta")}\\b`));
});

test("a shortcut pressed right after a click, before the app has caught up, acts on the message on screen", async ({ page }) => {
  await signIn(page, user);
  await row(page, "alpha").click();
  await expect(pane(page).getByRole("toolbar", { name: "Open message actions" })).toBeVisible();
  await row(page, "beta").hover();
  await page.waitForFunction((key) => (globalThis as { __mailroomMessagePrefetch?: { has(k: string): boolean } }).__mailroomMessagePrefetch?.has(key), `INBOX\u0000${uidOf("beta")}`);
  // The click, then "s" (flag) in the very next task: before that frame is painted.
  const inPane = await page.evaluate(async (uid) => {
    document.querySelector<HTMLElement>(`[role="listitem"][data-uid="${uid}"] [data-row-button]`)!.click();
    await new Promise((r) => setTimeout(r, 0));
    const shown = document.querySelector('section[aria-label="Message"] h2')?.textContent;
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "s", code: "KeyS", bubbles: true }));
    return shown;
  }, uidOf("beta"));
  expect(inPane).toBe("Pane beta");
  await expect.poll(async () => (await flagsOf(user, "INBOX", uidOf("beta")))?.has("\\Flagged")).toBe(true);
  expect((await flagsOf(user, "INBOX", uidOf("alpha")))?.has("\\Flagged")).toBe(false);
});

test("the message GET says where its time went (Server-Timing), a prefetch included", async ({ page }) => {
  await signIn(page, user);
  for (const headers of [{}, { "x-mailroom-prefetch": "1" }] as Record<string, string>[]) {
    const res = await page.request.get(`/api/messages/${uidOf("zeta")}?folder=INBOX`, { headers });
    expect(res.status()).toBe(200);
    expect((await res.json()).subject).toBe("Pane zeta");
    expect(res.headers()["server-timing"]).toMatch(/^pool;dur=[\d.]+, imap;dur=[\d.]+, json;dur=[\d.]+$/);
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("a click still swaps the list for the message in one render", async ({ page }) => {
    await signIn(page, phone);
    await list(page).getByRole("button", { name: /Pane delta\b/ }).first().click();
    await expect(pane(page).getByText("The delta body, first sentence.")).toBeVisible();
    await expect(list(page)).toBeHidden();
    await page.getByRole("button", { name: "Back to messages" }).click();
    await expect(list(page)).toBeVisible();
  });
});
