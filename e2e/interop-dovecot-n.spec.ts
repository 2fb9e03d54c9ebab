import { expect, test, type Browser, type Page } from "@playwright/test";
import { altStack, appendAt, createShared, resetAt, type AltStack } from "./helpers/alt-dovecot";
import { startOwnServer, type OwnServer } from "./helpers/own-server";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";
import { rememberDisplayName } from "./helpers/session";

/*
 * Interop: a shared folder on a stock-layout Dovecot, whose other-users namespace is "shared/%%n/"
 * (the owner by local part only, not the suite's "shared/<user@domain>/"). A second Dovecot
 * (config/dovecot/layout-shared-n.conf) on IMAP_PORT+330, started and stopped here, and one app of the
 * e2e build pointed at it on APP_PORT+31. Two people in the shared folder see each other, and assign
 * and annotate its message. Users t166–t167 only.
 */

const SUITE_PORT = Number(process.env.IMAP_PORT ?? 2143);
const STACK: AltStack = { conf: "layout-shared-n.conf", dir: "alt-shared-n-e2e", port: SUITE_PORT + 330 };
const user = (n: number) => ({ email: `t${n}@example.test`, password: "test-pass" });
const OWNER = user(166);
const COLLEAGUE = user(167);
const LIVE = { timeout: 10_000 };
const run = Date.now().toString(36);

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const nav = (page: Page) => page.getByRole("navigation", { name: "Folders" });
const chips = (page: Page) => page.getByRole("status", { name: "Others on this message" });

let server: OwnServer;

async function signInAs(browser: Browser, u: typeof OWNER, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await rememberDisplayName(page, u.email, name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 30_000 });
  return page;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await altStack(STACK, "start");
  for (const u of [OWNER, COLLEAGUE]) await resetAt(STACK.port, u);
  server = await startOwnServer({ offset: 31, name: "interop-dovecot-n", env: { IMAP_PORT: String(STACK.port), POP3_PORT: String(STACK.port + 1), SMTP_PORT: String(STACK.port + 2) } });
});

test.afterAll(async () => {
  await server?.stop();
  await altStack(STACK, "stop").catch(() => {});
});

test("Dovecot shared/%%n/: a folder shared by SETACL shows under Shared; two people in it see each other, assign and add notes", async ({ browser }) => {
  await createShared(STACK.port, OWNER, "Desk", { [COLLEAGUE.email]: "lrswite" });
  await appendAt(
    STACK.port,
    OWNER,
    "Desk",
    plainMessage({ from: { name: "Customer", address: "customer@example.test" }, to: OWNER.email, subject: "Desk question", date: SEED_EPOCH, text: "Help?", messageId: `<${run}.desk@interop-n.test>` }),
  );
  const olga = await signInAs(browser, OWNER, "Olga");
  const carl = await signInAs(browser, COLLEAGUE, "Carl");
  await nav(olga).getByRole("link", { name: /^Desk/ }).click();
  await expect(nav(carl).getByRole("heading", { name: "Shared" })).toBeVisible();
  await nav(carl).getByRole("link", { name: /Desk/ }).click();
  await expect(carl).toHaveURL(/shared%2Ft166%2FDesk|shared\/t166\/Desk/);

  await row(olga, "Desk question").click();
  await expect(olga.getByRole("heading", { name: "Desk question" })).toBeVisible();
  await expect(row(carl, "Desk question")).toHaveAccessibleName(/Olga is viewing/, LIVE);
  await row(carl, "Desk question").click();
  await expect(chips(carl)).toContainText("Olga is also viewing", LIVE);
  await expect(chips(olga)).toContainText("Carl is also viewing", LIVE);

  await olga.getByRole("button", { name: "Assign" }).click();
  await olga.getByRole("menu", { name: "Assign to" }).getByRole("menuitem", { name: "Carl" }).click();
  await expect(carl.getByRole("status", { name: "Assignment" })).toContainText("Assigned to you", LIVE);
  await carl.getByRole("textbox", { name: "Add a note" }).fill("Looking into it.");
  await carl.getByRole("button", { name: "Add note" }).click();
  await expect(olga.getByRole("list", { name: "Notes" }).getByRole("listitem", { name: "Note by Carl" })).toContainText("Looking into it.", LIVE);
  await olga.context().close();
  await carl.context().close();
});
