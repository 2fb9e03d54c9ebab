import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, subjectsIn, testUser } from "./helpers/imap";
import { threadCorpus } from "./helpers/thread-mail";

// Conversations (issue 12 point 2): threads computed by Mailroom from References/In-Reply-To (and
// subjects within a window), the person's replies from Sent in the thread, whole-thread actions.
const user = testUser(257);
const uidsOf: Record<string, { folder: string; uid: number }> = {};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetMailbox(user);
  for (const m of threadCorpus(user.email, `e2e${Date.now()}`)) {
    const [uid] = await appendMessages(user, m.folder, [m.raw]);
    uidsOf[`${m.folder}:${m.subject}`] = { folder: m.folder, uid: uid! };
  }
});

const threads = (page: Page) => page.getByRole("list", { name: "Conversations" });
const switchOf = (page: Page) => page.getByRole("switch", { name: "Conversations" });
const planRow = (page: Page) => threads(page).getByRole("button", { name: /^Carol, me, Dan, Offsite plan, 3 messages/ });

async function conversationsOn(page: Page) {
  await signIn(page, user);
  await expect(switchOf(page)).toBeEnabled(); // the remembered choice has arrived
  if ((await switchOf(page).getAttribute("aria-checked")) !== "true") await switchOf(page).click();
  await expect(threads(page)).toBeVisible();
}

test("the Conversations switch groups the folder into threads and is remembered for the person", async ({ page, browser }) => {
  await signIn(page, user);
  // Start from "never chosen or off", whatever an earlier run left on the server.
  expect((await page.request.put("/api/account/conversations", { data: { enabled: false } })).ok()).toBe(true);
  await page.reload();
  await expect(switchOf(page)).toBeEnabled();
  await expect(switchOf(page)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("list", { name: "Message list" })).toBeVisible();
  await switchOf(page).click();
  await expect(switchOf(page)).toHaveAttribute("aria-checked", "true");

  // Three conversations from five INBOX messages and a reply in Sent, newest activity first.
  const rows = threads(page).locator("[data-thread-row]");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Budget");
  await expect(rows.nth(0).locator("[data-thread-count]")).toHaveText("2"); // by subject: no Message-IDs at all
  await expect(rows.nth(1).locator("[data-thread-count]")).toHaveText("3"); // INBOX + the person's reply in Sent
  await expect(planRow(page)).toBeVisible();
  await expect(rows.nth(2)).toContainText("Lunch on Friday");
  await expect(rows.nth(2).locator("[data-thread-count]")).toHaveCount(0);
  // Each conversation has its own actions; no "select all" that ticked the flat list's hidden rows.
  await expect(rows.nth(0).getByRole("button", { name: "Delete conversation" })).toBeAttached();
  await expect(page.getByRole("checkbox", { name: "Select all loaded" })).toHaveCount(0);
  // The newest message's sender and subject stand in for the snippet until rows carry one.
  await expect(rows.nth(1).locator("[data-thread-snippet]")).toContainText(/Dan|Count me in/);

  // Remembered server-side: another browser (no shared storage) signs in to the same list.
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, user);
  await expect(switchOf(second)).toBeEnabled();
  await expect(switchOf(second)).toHaveAttribute("aria-checked", "true");
  await expect(threads(second).locator("[data-thread-row]")).toHaveCount(3);
  await other.close();
});

test("opening a thread shows every message in order: older ones collapsed, the newest open", async ({ page }) => {
  await conversationsOn(page);
  await planRow(page).click();
  const pane = page.getByRole("region", { name: "Message", exact: true });
  await expect(pane.getByRole("heading", { name: "Re: Offsite plan" })).toBeVisible();
  await expect(pane.getByText("Count me in, booking flights.")).toBeVisible();

  const earlier = pane.getByRole("region", { name: "Earlier in this conversation (2)" });
  // Its name is on screen, above the rows, not only for screen readers.
  await expect(earlier.getByRole("heading", { name: "Earlier in this conversation (2)" })).toBeVisible();
  const lines = earlier.locator("button[aria-expanded]");
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText("Carol Chen");
  await expect(lines.nth(1)).toContainText("me");
  await expect(lines.nth(1)).toContainText("Sent");
  for (const i of [0, 1]) await expect(lines.nth(i)).toHaveAttribute("aria-expanded", "false");
  await expect(pane.getByText("Lisbon works for me.")).toBeHidden();

  // Enter expands (keyboard), click too.
  await lines.nth(1).focus();
  await page.keyboard.press("Enter");
  await expect(lines.nth(1)).toHaveAttribute("aria-expanded", "true");
  await expect(pane.getByText("Lisbon works for me.")).toBeVisible();
  // The collapsed line shows the message's first words too: check the expanded body itself.
  const carol = earlier.locator('[id^="thread-"]').getByText("Shall we meet in Lisbon?");
  await lines.nth(0).click();
  await expect(carol).toBeVisible();
  await lines.nth(0).click();
  await expect(carol).toBeHidden();
});

test("actions on a thread row apply to the whole thread, in INBOX and Sent, by UID", async ({ page }) => {
  await conversationsOn(page);
  const plan = threads(page).locator("[data-thread-row]").filter({ has: page.getByRole("button", { name: /^Carol, me, Dan, Offsite plan, 3 messages/ }) });
  const members = [uidsOf["INBOX:Offsite plan"]!, uidsOf["Sent:Re: Offsite plan"]!, uidsOf["INBOX:Re: Offsite plan"]!];
  const all = async (flag: string) => (await Promise.all(members.map(async (m) => (await flagsOf(user, m.folder, m.uid))?.has(flag)))).every(Boolean);
  const none = async (flag: string) => (await Promise.all(members.map(async (m) => (await flagsOf(user, m.folder, m.uid))?.has(flag)))).every((x) => !x);

  await plan.hover();
  await plan.getByRole("button", { name: "Flag conversation" }).click();
  await expect.poll(() => all("\\Flagged")).toBe(true);
  await expect(plan.getByRole("button", { name: "Flag conversation" })).toHaveAttribute("aria-pressed", "true");
  await plan.getByRole("button", { name: "Flag conversation" }).click();
  await expect.poll(() => none("\\Flagged")).toBe(true);

  await plan.hover();
  await plan.getByRole("button", { name: /Mark conversation as (read|unread)/ }).click();
  await expect.poll(() => all("\\Seen")).toBe(true);
  await plan.getByRole("button", { name: "Mark conversation as unread" }).click();
  await expect.poll(() => none("\\Seen")).toBe(true);

  // Archive moves the folder's messages of the thread; the person's own reply stays in Sent.
  await plan.hover();
  await plan.getByRole("button", { name: "Archive conversation" }).click();
  await expect.poll(async () => (await subjectsIn(user, "Archive")).sort()).toEqual(["Offsite plan", "Re: Offsite plan"]);
  expect(await subjectsIn(user, "Sent")).toContain("Re: Offsite plan");
  await expect(threads(page).locator("[data-thread-row]")).toHaveCount(2);

  // Delete moves the thread to Trash.
  const budget = threads(page).locator("[data-thread-row]", { hasText: "Budget" });
  await budget.hover();
  await budget.getByRole("button", { name: "Delete conversation" }).click();
  await expect.poll(async () => (await subjectsIn(user, "Trash")).sort()).toEqual(["Budget", "RE: Budget"]);
  await expect(threads(page).locator("[data-thread-row]")).toHaveCount(1);
  expect(await subjectsIn(user, "INBOX")).toEqual(["Lunch on Friday"]);
});

test("on a phone, a thread row's actions sit in one menu", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await conversationsOn(page);
  const lunch = threads(page).locator("[data-thread-row]", { hasText: "Lunch on Friday" });
  await expect(lunch.getByRole("button", { name: "Flag conversation" })).toBeHidden();
  await lunch.getByRole("button", { name: "Actions for conversation: Lunch on Friday" }).click();
  await page.getByRole("menuitem", { name: "Flag conversation" }).click();
  const uid = uidsOf["INBOX:Lunch on Friday"]!.uid;
  await expect.poll(async () => (await flagsOf(user, "INBOX", uid))?.has("\\Flagged")).toBe(true);
});

test("turning Conversations off shows every message again, and stays off", async ({ page }) => {
  await conversationsOn(page);
  await switchOf(page).click();
  await expect(page.getByRole("list", { name: "Message list" })).toBeVisible();
  await expect.poll(async () => (await page.request.get("/api/account/conversations")).json()).toEqual({ enabled: false });
});

// Screenshots for review at phone and desktop widths, light and dark (SHOTS_DIR=/tmp/shots-threads).
test("screenshots", async ({ page }) => {
  const dir = process.env.SHOTS_DIR;
  test.skip(!dir, "SHOTS_DIR not set");
  await resetMailbox(user);
  for (const m of threadCorpus(user.email, `shot${Date.now()}`)) await appendMessages(user, m.folder, [m.raw]);
  await conversationsOn(page);
  for (const width of [390, 1440]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/mail/INBOX");
      await expect(threads(page).locator("[data-thread-row]")).toHaveCount(3);
      await page.screenshot({ path: `${dir}/list-${width}-${scheme}.png` });
      if (width > 390) {
        await planRow(page).hover();
        await page.screenshot({ path: `${dir}/list-hover-${width}-${scheme}.png` });
      }
      await planRow(page).click();
      await page.getByRole("region", { name: "Earlier in this conversation (2)" }).locator("button[aria-expanded]").nth(1).click();
      await expect(page.getByText("Lisbon works for me.")).toBeVisible();
      await page.screenshot({ path: `${dir}/thread-${width}-${scheme}.png` });
    }
  }
});
