import { expect, test, type Browser, type Page } from "@playwright/test";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { startOwnServer, type OwnServer } from "./helpers/own-server";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";
import { rememberDisplayName } from "./helpers/session";

// Two Mailroom instances with their own data directories and one Redis (REDIS_URL): nothing but Redis
// connects them. Two people of one account, one on each, see each other; a sign-out on one ends the
// session on the other. User t176 is this spec's own. (The HAProxy cluster suite covers the balanced case.)
const LIVE = { timeout: 8_000 };
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:2379";
const run = Date.now().toString(36);

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const chips = (page: Page) => page.getByRole("status", { name: "Others on this message" });

async function signInAs(browser: Browser, url: string, user: { email: string; password: string }, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await rememberDisplayName(page, user.email, name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 30_000 });
  return page;
}

test.describe.configure({ mode: "serial" });
let one: OwnServer | null = null;
let two: OwnServer | null = null;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  [one, two] = await Promise.all([
    startOwnServer({ offset: 30, name: "redis-1", env: { REDIS_URL: redisUrl } }),
    startOwnServer({ offset: 31, name: "redis-2", env: { REDIS_URL: redisUrl } }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
});

test("two instances sharing only Redis: presence crosses them, and a sign-out on one ends the session on the other", async ({ browser }) => {
  test.setTimeout(120_000);
  const user = testUser(176);
  await resetMailbox(user);
  const subject = `Cross-instance question ${run}`;
  await appendMessages(user, "INBOX", [
    plainMessage({ from: { name: "Customer", address: "customer@example.test" }, to: user.email, subject, date: new Date(SEED_EPOCH.getTime()), text: "Who takes this?", messageId: `<${run}@redis-instances.test>` }),
  ]);

  const ana = await signInAs(browser, one!.url, user, "Ana");
  const ben = await signInAs(browser, two!.url, user, "Ben");

  await row(ana, subject).click();
  await expect(ana.getByRole("heading", { name: subject })).toBeVisible();
  await expect(row(ben, subject)).toHaveAccessibleName(/Ana is viewing/, LIVE);
  await row(ben, subject).click();
  await expect(chips(ben)).toContainText("Ana is also viewing", LIVE);
  await expect(chips(ana)).toContainText("Ben is also viewing", LIVE);

  // Ben signs out on instance two: his copied cookie no longer works on instance one either.
  const cookie = (await ben.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await fetch(`${one!.url}/api/folders`, { headers: { cookie } })).status).toBe(200);
  await ben.getByRole("button", { name: "Sign out" }).click();
  await expect(ben).toHaveURL(/\/login/);
  const res = await fetch(`${one!.url}/api/folders`, { headers: { cookie } });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  // And he leaves Ana's screen at once, not after the presence expiry.
  await expect(chips(ana)).not.toContainText("Ben", { timeout: 5_000 });
  await ana.context().close();
  await ben.context().close();
});
