import { expect, test, type Browser, type Page } from "@playwright/test";
import { appendAt, createShared, resetAt, withImapAt } from "./helpers/alt-dovecot";
import { startOwnServer, type OwnServer } from "./helpers/own-server";
import { signInAs as signInPage } from "./helpers/session";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Interop: the core flows of Mailroom against Cyrus IMAP 3.6 (scripts/cyrus-stack.sh, started by
 * scripts/test.sh on CYRUS_PORT) instead of Dovecot. One app of the e2e build, pointed at Cyrus, on
 * APP_PORT+30. Cyrus differs from our Dovecot in what the app must learn from the server, not from
 * settings: other people's folders under "Other Users/<owner>/" (owner without domain), its own
 * special-use flags, its ACL identifiers and IDLE through idled. Users t158–t165 (on Cyrus) only.
 */

const CYRUS_PORT = Number(process.env.CYRUS_PORT ?? 2243);
const user = (n: number) => ({ email: `t${n}@example.test`, password: "test-pass" });
const READER = user(158);
const OWNER = user(159);
const COLLEAGUE = user(160);
const run = Date.now().toString(36);
const LIVE = { timeout: 10_000 };

const mk = (to: string, subject: string, i: number, text = `Body of ${subject}`) =>
  plainMessage({ from: { name: "Cyrus Customer", address: "customer@example.test" }, to, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text, messageId: `<${run}.${i}.${subject.replace(/\W+/g, "-")}@interop.test>` });

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const nav = (page: Page) => page.getByRole("navigation", { name: "Folders" });
const check = (page: Page, subject: string) => list(page).getByRole("checkbox", { name: new RegExp(`: ${subject}$`) }).check();
const chips = (page: Page) => page.getByRole("status", { name: "Others on this message" });

async function flagsOn(u: typeof READER, folder: string, subject: string): Promise<Set<string> | null> {
  return withImapAt(CYRUS_PORT, u, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const [uid] = (await c.search({ subject }, { uid: true })) || [];
      if (!uid) return null;
      const m = await c.fetchOne(String(uid), { flags: true }, { uid: true });
      return (m && m.flags) || new Set<string>();
    } finally {
      lock.release();
    }
  });
}

async function subjectsIn(u: typeof READER, folder: string): Promise<string[]> {
  return withImapAt(CYRUS_PORT, u, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const out: string[] = [];
      if (c.mailbox && c.mailbox.exists > 0) for await (const m of c.fetch("1:*", { envelope: true })) out.push(m.envelope?.subject ?? "");
      return out;
    } finally {
      lock.release();
    }
  });
}

let server: OwnServer;

// The app of this suite, pointed at Cyrus (started cold: a longer wait for the first page).
const signInAs = (browser: Browser, u: typeof READER, name?: string) => signInPage(browser, u, name, { baseURL: server.url, timeout: 30_000 });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  for (const u of [READER, OWNER, COLLEAGUE]) await resetAt(CYRUS_PORT, u);
  server = await startOwnServer({ offset: 30, name: "interop-cyrus", env: { IMAP_PORT: String(CYRUS_PORT) } });
});

test.afterAll(async () => {
  await server?.stop();
});

test("Cyrus: sign-in with the real password, and a wrong one is refused in words", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(READER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /password is not right/i })).toBeVisible({ timeout: 20_000 });
  await context.close();
  const ok = await signInAs(browser, READER);
  await expect(nav(ok).getByRole("link", { name: /Inbox/ })).toBeVisible();
  await ok.context().close();
});

test("Cyrus: folder tree with special folders first (from Cyrus's SPECIAL-USE flags) and '/'-nested folders", async ({ browser }) => {
  await withImapAt(CYRUS_PORT, READER, async (c) => {
    await c.mailboxCreate("Clients");
    await c.mailboxCreate("Clients/Acme");
  });
  await appendAt(CYRUS_PORT, READER, "Clients/Acme", mk(READER.email, "Acme order", 1));
  const page = await signInAs(browser, READER);
  await expect(nav(page).getByRole("link", { name: /Acme/ })).toBeVisible();
  const names = (await nav(page).getByRole("link").allInnerTexts()).map((t) => t.split("\n")[0]!.trim());
  expect(names.slice(0, 6)).toEqual(["Inbox", "Drafts", "Sent", "Archive", "Junk", "Trash"]);
  expect(names.indexOf("Acme")).toBe(names.indexOf("Clients") + 1);
  await expect(nav(page).getByRole("link", { name: /Acme/ }).getByLabel("1 unread")).toBeVisible();
  await nav(page).getByRole("link", { name: /Acme/ }).click();
  await expect(row(page, "Acme order")).toBeVisible();
  await page.context().close();
});

test("Cyrus: list and paging, read, flag, move, delete and search", async ({ browser }) => {
  const items = Array.from({ length: 60 }, (_, i) => mk(READER.email, `Page item ${String(i).padStart(2, "0")}`, 10 + i, i === 7 ? "The invoice mentions a zebra." : undefined));
  await withImapAt(CYRUS_PORT, READER, async (c) => {
    for (const raw of items) await c.append("INBOX", raw);
  });
  const page = await signInAs(browser, READER);
  await expect(row(page, "Page item 59")).toBeVisible();
  await expect(page.locator("[data-list-position]")).toHaveText(/ of 60$/);

  // Paging: scroll until the oldest (on the second page) is rendered.
  const oldest = row(page, "Page item 00");
  for (let i = 0; i < 30 && !(await oldest.count()); i++) {
    await list(page).hover();
    await page.mouse.wheel(0, 2500);
    await oldest.waitFor({ timeout: 300 }).catch(() => {}); // on screen now, or scroll on
  }
  await expect(oldest).toBeVisible();
  // Back to the top (the list renders only the rows near the viewport).
  await page.reload();
  await expect(row(page, "Page item 59")).toBeVisible();

  // Read: opening marks it \Seen on Cyrus.
  await row(page, "Page item 58").click();
  await expect(page.getByRole("heading", { name: "Page item 58" })).toBeVisible();
  await expect.poll(async () => (await flagsOn(READER, "INBOX", "Page item 58"))?.has("\\Seen")).toBe(true);

  // Flag.
  await check(page, "Page item 57");
  await page.getByRole("button", { name: "Flag", exact: true }).click();
  await expect.poll(async () => (await flagsOn(READER, "INBOX", "Page item 57"))?.has("\\Flagged")).toBe(true);

  // Move to Archive.
  await check(page, "Page item 56");
  await page.getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("menuitem", { name: "Archive" }).click();
  await expect(row(page, "Page item 56")).toHaveCount(0);
  await expect.poll(() => subjectsIn(READER, "Archive")).toContain("Page item 56");

  // Delete: to Cyrus's Trash.
  await check(page, "Page item 55");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(row(page, "Page item 55")).toHaveCount(0);
  await expect.poll(() => subjectsIn(READER, "Trash")).toContain("Page item 55");
  expect(await subjectsIn(READER, "INBOX")).not.toContain("Page item 55");

  // Search (IMAP SEARCH on Cyrus): body text.
  const box = page.getByRole("searchbox", { name: "Search mail" });
  await box.fill("zebra");
  await box.press("Enter");
  await expect(row(page, "Page item 07")).toBeVisible();
  await expect(list(page).getByRole("button")).toHaveCount(1);
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(row(page, "Page item 59")).toBeVisible();
  await page.context().close();
});

test("Cyrus: another client's new mail, flag and delete show live, without a reload (IMAP IDLE through idled)", async ({ browser }) => {
  const page = await signInAs(browser, READER);
  await expect(row(page, "Page item 59")).toBeVisible();
  let navigations = 0;
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations++);
  // No wait for the watcher to reach IDLE: the page opens its event stream with the list's resume
  // point (?since=), so a change made before IDLE starts arrives by catch-up (CONDSTORE) all the same.

  const uid = await appendAt(CYRUS_PORT, READER, "INBOX", mk(READER.email, "Live from Cyrus", 200));
  await expect(row(page, "Live from Cyrus")).toBeVisible(LIVE);
  await withImapAt(CYRUS_PORT, READER, async (c) => {
    const lock = await c.getMailboxLock("INBOX");
    try {
      await c.messageFlagsAdd(String(uid), ["\\Flagged"], { uid: true });
    } finally {
      lock.release();
    }
  });
  await expect(row(page, "Live from Cyrus")).toHaveAccessibleName(/, flagged,/, LIVE);
  await withImapAt(CYRUS_PORT, READER, async (c) => {
    const lock = await c.getMailboxLock("INBOX");
    try {
      await c.messageDelete(String(uid), { uid: true });
    } finally {
      lock.release();
    }
  });
  await expect(row(page, "Live from Cyrus")).toHaveCount(0, LIVE);
  expect(navigations).toBe(0);
  await page.context().close();
});

test("Cyrus: a folder shared by SETACL shows under Shared (Other Users/<owner>/); two people in it see each other, assign and add notes", async ({ browser }) => {
  await createShared(CYRUS_PORT, OWNER, "Desk", { [COLLEAGUE.email]: "lrswite" });
  await appendAt(CYRUS_PORT, OWNER, "Desk", mk(OWNER.email, "Desk question", 300));

  const olga = await signInAs(browser, OWNER, "Olga");
  const carl = await signInAs(browser, COLLEAGUE, "Carl");
  await nav(olga).getByRole("link", { name: /^Desk/ }).click();
  await expect(nav(carl).getByRole("heading", { name: "Shared" })).toBeVisible();
  const shared = nav(carl).getByRole("link", { name: /Desk/ });
  await expect(shared).toHaveCount(1);
  await shared.click();
  await expect(carl).toHaveURL(/Other%20Users%2Ft159%2FDesk|Other%20Users\/t159\/Desk/);

  await row(olga, "Desk question").click();
  await expect(olga.getByRole("heading", { name: "Desk question" })).toBeVisible();
  await expect(row(carl, "Desk question")).toHaveAccessibleName(/Olga is viewing/, LIVE);
  await row(carl, "Desk question").click();
  await expect(chips(carl)).toContainText("Olga is also viewing", LIVE);
  await expect(chips(olga)).toContainText("Carl is also viewing", LIVE);

  // Carl flags it in the shared folder (he has the right): Olga sees it live in her own folder.
  await carl.getByRole("toolbar", { name: "Message actions" }).first().getByRole("button", { name: "Flag", exact: true }).click();
  await expect(row(olga, "Desk question")).toHaveAccessibleName(/, flagged,/, LIVE);
  await expect.poll(async () => (await flagsOn(OWNER, "Desk", "Desk question"))?.has("\\Flagged")).toBe(true);

  // Team work in the shared folder: Olga assigns it to Carl (offered from Cyrus's GETACL), Carl adds a
  // note; each sees the other's change live.
  await olga.getByRole("button", { name: "Assign" }).click();
  await olga.getByRole("menu", { name: "Assign to" }).getByRole("menuitem", { name: "Carl" }).click();
  await expect(olga.getByRole("status", { name: "Assignment" })).toContainText("Assigned to Carl", LIVE);
  await expect(carl.getByRole("status", { name: "Assignment" })).toContainText("Assigned to you", LIVE);
  await carl.getByRole("textbox", { name: "Add a note" }).fill("Looking into it, on Cyrus.");
  await carl.getByRole("button", { name: "Add note" }).click();
  await expect(olga.getByRole("list", { name: "Notes" }).getByRole("listitem", { name: "Note by Carl" })).toContainText("Looking into it, on Cyrus.", LIVE);
  await olga.context().close();
  await carl.context().close();
});
