import { expect, test, type Page } from "@playwright/test";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13 point 5, this round: the sign-in POST starts the landing folder's first screen on the login
 * connection, and the mail page that follows is rendered from it (lib/mail/initial-view-handoff.ts).
 * What a person must see is unchanged: the folder they were sent to, in the page's own HTML, and mail
 * that arrives between the two requests still appears. Users t476–t478 only.
 */

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-signin";
const from = { name: "Sign In", address: "sign-in@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const mail = (to: string, subject: string, i: number) => plainMessage({ from, to, subject, date: at(i), text: `Body of ${subject}` });
const list = (page: Page) => page.getByRole("list", { name: "Message list" });
// The row's own button (its name starts with the sender); the row's action buttons name the subject too.
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`^${from.name}, ${subject}`) });

function listRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (/^\/api\/(folders|messages)(\/|$)/.test(u.pathname) && r.method() === "GET") seen.push(u.pathname + u.search);
  });
  return seen;
}

async function fillSignIn(page: Page, user: { email: string; password: string }, path = "/login") {
  await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
}

test("signing in from a folder's link lands on that folder, its first page already in the page's HTML", async ({ page }) => {
  const user = testUser(476);
  const run = Date.now().toString(36);
  const folder = `Receipts ${run}`;
  await resetMailbox(user);
  await withImap(user, (c) => c.mailboxCreate(folder).then(() => undefined));
  await appendMessages(user, folder, ["Train ticket", "Hotel invoice"].map((s, i) => mail(user.email, `${s} ${run}`, i)));
  await appendMessages(user, "INBOX", [mail(user.email, `Inbox only ${run}`, 3)]);

  await fillSignIn(page, user, `/login?callbackUrl=${encodeURIComponent(`/mail/${encodeURIComponent(folder)}`)}`);
  const requests = listRequests(page);
  const doc = page.waitForResponse((r) => r.request().resourceType() === "document" && new URL(r.url()).pathname.startsWith("/mail/"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const html = await (await doc).text();
  expect(html).toContain(`Hotel invoice ${run}`);
  expect(html).toContain(`Train ticket ${run}`);
  expect(html).not.toContain(`Inbox only ${run}`);
  await expect(row(page, `Hotel invoice ${run}`)).toBeVisible();
  await page.locator("html[data-mail-ready]").waitFor({ state: "attached" });
  await page.waitForTimeout(800); // an absence check: the list must not be asked for again
  expect(requests).toEqual([]);
  for (const width of [390, 1440]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/signed-in-folder-${width}-${scheme}.png` });
    }
  }
});

test("mail that arrives between the sign-in and the page still shows, and a later reload reads the folder afresh", async ({ page }) => {
  const user = testUser(477);
  const run = Date.now().toString(36);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [mail(user.email, `Before sign-in ${run}`, 1)]);

  await fillSignIn(page, user);
  // The POST's answer is held back until a new message has arrived: the first screen it started is older than the inbox.
  await page.route("**/login/submit", async (route) => {
    const answer = await route.fetch();
    await appendMessages(user, "INBOX", [mail(user.email, `Between the two ${run}`, 2)]);
    await route.fulfill({ response: answer });
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(row(page, `Before sign-in ${run}`)).toBeVisible();
  await expect(row(page, `Between the two ${run}`)).toBeVisible({ timeout: 15_000 });

  const doc = page.waitForResponse((r) => r.request().resourceType() === "document" && new URL(r.url()).pathname.startsWith("/mail"));
  await page.reload();
  expect(await (await doc).text()).toContain(`Between the two ${run}`);
});

test("a wrong password still comes back in words on the sign-in page, and a right one then signs in", async ({ page }) => {
  const user = testUser(478);
  await fillSignIn(page, { email: user.email, password: "not-the-password" });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /password is not right/i })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\/INBOX/);
  await expect(page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /^Inbox/ })).toBeVisible();
});
