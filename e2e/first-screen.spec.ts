import { expect, test, type Page, type Request } from "@playwright/test";
import { mailReady, signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13 points 5 and 6: the mail page's first response already holds the folder tree and the
 * first page (no account → folders → messages waterfall in the browser), and a folder opened before
 * paints at once from the tab's cache while the server confirms it. Users t351–t355 and t452 only.
 */

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-ssr";
const from = { name: "First Screen", address: "first-screen@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const mail = (to: string, subject: string, i: number) => plainMessage({ from, to, subject, date: at(i), text: `Body of ${subject}` });

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(subject) });
const nav = (page: Page) => page.getByRole("navigation", { name: "Folders" });

/** Every request the page makes to the list or folder APIs (what the first screen must not need). */
function recordApi(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r: Request) => {
    const path = new URL(r.url()).pathname;
    if (/^\/api\/(folders|messages|account|conversations)(\/|$)/.test(path) && r.method() === "GET") seen.push(path + new URL(r.url()).search);
  });
  return seen;
}

/** The page's mount effects have run (the app marks itself ready in one), then a moment more for any late fetch. */
async function settled(page: Page, requests: string[]) {
  await mailReady(page);
  await page.waitForTimeout(800); // an absence check: no list request may follow
  expect(requests.filter((u) => /^\/api\/(folders|messages)\b/.test(u)), `list requests: ${requests.join(" ")}`).toEqual([]);
}

async function createFolder(user: { email: string; password: string }, path: string) {
  await withImap(user, async (c) => {
    await c.mailboxCreate(path).catch(() => {});
  });
}

test("IMAP: the inbox's HTML holds the folder tree and the first page, and no list request follows", async ({ page }) => {
  const user = testUser(351);
  const run = Date.now().toString(36);
  await resetMailbox(user);
  await createFolder(user, `Receipts ${run}`);
  await appendMessages(user, "INBOX", ["Quarterly numbers", "Picnic on Saturday", "Server migration"].map((s, i) => mail(user.email, `${s} ${run}`, i)));

  // Sign-in lands on the inbox through the app's own navigation: its answer already carries the rows.
  const afterSignIn = recordApi(page);
  await signIn(page, user);
  await expect(row(page, `Server migration ${run}`)).toBeVisible();
  await expect(nav(page).getByRole("link", { name: new RegExp(`Receipts ${run}`) })).toBeVisible();
  await settled(page, afterSignIn);
  expect(afterSignIn.filter((u) => u.startsWith("/api/account"))).toEqual([]);

  // A fresh load of /mail: the document itself contains the subjects and the folder names.
  const requests = recordApi(page);
  const doc = page.waitForResponse((r) => r.request().resourceType() === "document" && new URL(r.url()).pathname.startsWith("/mail"));
  await page.goto("/mail");
  const html = await (await doc).text();
  for (const s of ["Quarterly numbers", "Picnic on Saturday", "Server migration"]) expect(html).toContain(`${s} ${run}`);
  expect(html).toContain(`Receipts ${run}`);
  expect(html).toContain("Sent");
  await expect(row(page, `Picnic on Saturday ${run}`)).toBeVisible();
  await settled(page, requests);
});

test("IMAP: before the app's scripts load the first page is readable, and the remembered order and an open message are kept", async ({ browser, baseURL }) => {
  const user = testUser(352);
  const run = Date.now().toString(36);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", ["Bravo", "Alpha", "Charlie"].map((s, i) => mail(user.email, `${s} ${run}`, i)));
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  await signIn(page, user);
  await expect(row(page, `Charlie ${run}`)).toBeVisible();
  // Subject A→Z, remembered on the server for INBOX: the server-rendered page must be in that order too.
  expect((await page.request.put("/api/folder-sort", { data: { folder: "INBOX", sort: "subject-asc" } })).ok()).toBe(true);
  const requests = recordApi(page);
  await page.goto("/mail/INBOX");
  await expect(list(page).getByRole("listitem").first()).toContainText(`Alpha ${run}`);
  await settled(page, requests);
  expect((await page.request.put("/api/folder-sort", { data: { folder: "INBOX", sort: "arrival-desc" } })).ok()).toBe(true);

  // The same page with the app's scripts never loading (so nothing can fetch): the rows are in the HTML,
  // streamed into place by the response's own inline scripts.
  const noJs = await browser.newContext({ baseURL, storageState: await ctx.storageState() });
  const still = await noJs.newPage();
  await still.route(/\/_next\/static\/.*\.js/, (route) => route.abort());
  const uid = (await (await page.request.get("/api/messages?folder=INBOX")).json()).messages[0].uid as number;
  await still.goto("/mail/INBOX");
  for (const s of ["Alpha", "Bravo", "Charlie"]) await expect(row(still, `${s} ${run}`)).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [390, 1440]) {
      await still.emulateMedia({ colorScheme: scheme });
      await still.setViewportSize({ width, height: 860 });
      await still.screenshot({ path: `${SHOTS}/first-page-before-scripts-${width}-${scheme}.png` });
    }
  }
  // With scripts on, ?m= still opens the message over the preloaded list.
  await page.goto(`/mail/INBOX?m=${uid}`);
  await expect(page.getByRole("heading", { name: `Charlie ${run}` })).toBeVisible();
  await noJs.close();
  await ctx.close();
});

test("POP3: the first page comes from the cache inside the page's HTML, with no list request", async ({ page }) => {
  const user = testUser(353);
  const run = Date.now().toString(36);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", ["Cached one", "Cached two"].map((s, i) => mail(user.email, `${s} ${run}`, i)));
  await signIn(page, user, { protocol: "POP3" });
  await expect(row(page, `Cached two ${run}`)).toBeVisible({ timeout: 20_000 });

  const requests = recordApi(page);
  const doc = page.waitForResponse((r) => r.request().resourceType() === "document" && new URL(r.url()).pathname.startsWith("/mail"));
  await page.reload();
  const html = await (await doc).text();
  expect(html).toContain(`Cached one ${run}`);
  expect(html).toContain(`Cached two ${run}`);
  await expect(row(page, `Cached one ${run}`)).toBeVisible();
  // The POP3 controls need the account: it came with the page too.
  await expect(page.getByRole("button", { name: "Check mail" })).toBeVisible();
  await settled(page, requests);
  expect(requests.filter((u) => u.startsWith("/api/account"))).toEqual([]);
});

test("conversations: the threads are in the page's HTML when the person reads by conversation", async ({ page }) => {
  const user = testUser(354);
  const run = Date.now().toString(36);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [mail(user.email, `Offsite ${run}`, 1), mail(user.email, `Re: Offsite ${run}`, 2)]);
  await signIn(page, user);
  expect((await page.request.put("/api/account/conversations", { data: { enabled: true } })).ok()).toBe(true);
  try {
    const convRequests: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/conversations") || new URL(r.url()).pathname.startsWith("/api/account/conversations")) convRequests.push(r.url());
    });
    const doc = page.waitForResponse((r) => r.request().resourceType() === "document" && new URL(r.url()).pathname.startsWith("/mail"));
    await page.reload();
    expect(await (await doc).text()).toContain(`Offsite ${run}`);
    const threads = page.getByRole("list", { name: "Conversations" });
    await expect(threads.getByRole("button", { name: new RegExp(`Offsite ${run}, 2 messages`) })).toBeVisible();
    await expect(page.getByRole("switch", { name: "Conversations" })).toHaveAttribute("aria-checked", "true");
    await page.waitForTimeout(800); // an absence check: no conversations request may follow
    expect(convRequests).toEqual([]);
  } finally {
    await page.request.put("/api/account/conversations", { data: { enabled: false } });
  }
});

test("a folder shown before paints from the tab's cache at once; a change made elsewhere meanwhile shows once the server answers", async ({ page }) => {
  const user = testUser(355);
  const run = Date.now().toString(36);
  const other = `Projects ${run}`;
  await resetMailbox(user);
  await createFolder(user, other);
  await appendMessages(user, "INBOX", ["Inbox first", "Inbox second"].map((s, i) => mail(user.email, `${s} ${run}`, i)));
  await appendMessages(user, other, [mail(user.email, `Project note ${run}`, 3)]);
  await signIn(page, user);
  await expect(row(page, `Inbox second ${run}`)).toBeVisible();

  // A → B (first visit: asked of the server).
  const folderLink = (name: RegExp) => nav(page).getByRole("link", { name });
  await folderLink(new RegExp(`^${other}`)).click();
  await expect(row(page, `Project note ${run}`)).toBeVisible();

  // Meanwhile another client adds a message to INBOX.
  await appendMessages(user, "INBOX", [mail(user.email, `Arrived elsewhere ${run}`, 5)]);

  // The INBOX list answer is held back: the rows must show before it comes.
  let answered = false;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/api\/messages\?.*folder=INBOX/, async (route) => {
    await held;
    // The app may have called the request off meanwhile (a newer refresh, a folder switch).
    const response = await route.fetch().catch(() => null);
    if (!response) return route.abort().catch(() => {});
    await route.fulfill({ response }).then(() => (answered = true), () => {});
  });
  await folderLink(/^Inbox/).click();
  await expect(row(page, `Inbox second ${run}`)).toBeVisible({ timeout: 2_000 });
  await expect(row(page, `Inbox first ${run}`)).toBeVisible();
  expect(answered).toBe(false);
  await expect(list(page).getByRole("listitem")).toHaveCount(2);

  // The server's answer brings the change made elsewhere.
  release();
  await expect(row(page, `Arrived elsewhere ${run}`)).toBeVisible();
  expect(answered).toBe(true);
  await page.unroute(/\/api\/messages\?.*folder=INBOX/);

  // Back to B: also painted from the cache, unchanged.
  await folderLink(new RegExp(`^${other}`)).click();
  await expect(row(page, `Project note ${run}`)).toBeVisible();
});

test("the rows' dates are in the page's HTML, in the reader's zone and words, and the browser keeps them", async ({ browser, baseURL }) => {
  const user = testUser(452);
  const run = Date.now().toString(36);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    plainMessage({ from, to: user.email, subject: `Older ${run}`, date: new Date("2025-03-10T20:30:00.000Z"), text: "Before." }),
    plainMessage({ from, to: user.email, subject: `Just now ${run}`, date: new Date(Date.now() - 60_000), text: "Now." }),
  ]);
  // 20:30 UTC on 10 March 2025 is 11 March in Auckland; a British clock says "14:05", not "2:05 pm".
  const ctx = await browser.newContext({ baseURL, timezoneId: "Pacific/Auckland", locale: "en-GB" });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await signIn(page, user);
  const datesOf = (p: Page) =>
    Promise.all([`Older ${run}`, `Just now ${run}`].map(async (s) => (await row(p, s).locator("time").textContent())?.trim() ?? ""));
  await expect(row(page, `Just now ${run}`)).toBeVisible();
  const shown = await datesOf(page);
  expect(shown[0]).toBe("11 Mar 2025");
  // A 24-hour clock ("9:05", "14:05"; the hour has one digit before 10 in en-GB's numeric hour): no "am"/"pm".
  expect(shown[1]).toMatch(/^\d{1,2}:\d{2}$/);

  // The server's HTML alone, read by a browser with no script in another zone and locale: the same dates.
  const bare = await browser.newContext({ baseURL, javaScriptEnabled: false, timezoneId: "America/New_York", locale: "en-US" });
  await bare.addCookies(await ctx.cookies());
  const html = await bare.newPage();
  await html.goto("/mail/INBOX");
  await expect(row(html, `Older ${run}`)).toBeVisible();
  expect(await datesOf(html)).toEqual(shown);
  await bare.close();

  // A reload with scripts hydrates over those dates without React throwing the server's HTML away.
  await page.reload();
  await mailReady(page);
  expect(await datesOf(page)).toEqual(shown);
  expect(errors.filter((e) => /hydrat|#418|#423|#425/i.test(e))).toEqual([]);
  await ctx.close();
});
