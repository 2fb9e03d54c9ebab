import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, subjectsIn, testUser, withImap } from "./helpers/imap";
import { expectAccessible } from "./helpers/axe";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13, the list's rows: a row's hover actions (Archive, Delete, Mark read, Flag) exist only on the row
 * under the pointer or with keyboard focus, rows draw their icons from one sprite, and a new list renders
 * the screen's rows first and the overscan after the paint. Users t421–t424.
 */

const SHOTS = "/tmp/shots-list-rows";
const mk = (to: string, subject: string, i: number) =>
  plainMessage({ from: { name: "Row Test", address: "rows@example.test" }, to, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const item = (page: Page, subject: string) => list(page).getByRole("listitem").filter({ hasText: subject });
const actionGroups = (page: Page) => list(page).locator("[data-row-hover]");
const folderLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: new RegExp(`^${name}\\b`) }).first();

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function uidOf(user: { email: string; password: string }, folder: string, subject: string): Promise<number> {
  return withImap(user, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const uids = (await c.search({ subject }, { uid: true })) || [];
      return uids[0] ?? 0;
    } finally {
      lock.release();
    }
  });
}

test.describe.configure({ mode: "serial" });

test.describe("desktop", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("only the row under the pointer has action buttons; they archive, delete, mark read and flag", async ({ page }) => {
    const user = testUser(421);
    await resetMailbox(user);
    await appendMessages(user, "INBOX", ["Alpha row", "Bravo row", "Charlie row", "Delta row"].map((s, i) => mk(user.email, s, i)));
    await signIn(page, user);
    await expect(item(page, "Alpha row")).toBeVisible();
    // Nothing hovered, nothing focused: no row carries its buttons.
    await page.mouse.move(5, 890);
    await expect(actionGroups(page)).toHaveCount(0);
    await expect(list(page).getByRole("button", { name: /^(Archive|Delete|Mark read|Flag): / })).toHaveCount(0);

    await item(page, "Bravo row").hover();
    await expect(page.getByRole("group", { name: "Actions: Bravo row" })).toBeVisible();
    await expect(actionGroups(page)).toHaveCount(1);
    // The buttons take the date's place (half of it showed above them) and nothing shows through them.
    await expect(item(page, "Bravo row").locator("time")).toBeHidden();
    await expect(item(page, "Alpha row").locator("time")).toBeVisible();
    expect(await actionGroups(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
    await shot(page, "hover-1440");
    await expectAccessible(page, "list with a hovered row");

    // To the next row: its buttons, and the one it left has none any more.
    await item(page, "Charlie row").hover();
    await expect(page.getByRole("group", { name: "Actions: Charlie row" })).toBeVisible();
    await expect(actionGroups(page)).toHaveCount(1);
    await expect(page.getByRole("group", { name: "Actions: Bravo row" })).toHaveCount(0);

    await page.getByRole("button", { name: "Flag: Charlie row" }).click();
    const charlie = await uidOf(user, "INBOX", "Charlie row");
    await expect.poll(async () => (await flagsOf(user, "INBOX", charlie))?.has("\\Flagged")).toBe(true);
    await expect(page.getByRole("button", { name: "Unflag: Charlie row" })).toBeVisible();
    await page.getByRole("button", { name: "Mark read: Charlie row" }).click();
    await expect.poll(async () => (await flagsOf(user, "INBOX", charlie))?.has("\\Seen")).toBe(true);
    await expect(page.getByRole("button", { name: "Mark unread: Charlie row" })).toBeVisible();
    // The flag marker (from the list's sprite) once the pointer is away.
    await page.mouse.move(5, 890);
    await expect(list(page).getByRole("img", { name: "Flagged" })).toBeVisible();
    await shot(page, "markers-1440");

    await item(page, "Alpha row").hover();
    await page.getByRole("button", { name: "Archive: Alpha row" }).click();
    await expect.poll(() => subjectsIn(user, "Archive")).toContain("Alpha row");
    await item(page, "Delta row").hover();
    await page.getByRole("button", { name: "Delete: Delta row" }).click();
    await expect.poll(() => subjectsIn(user, "Trash")).toContain("Delta row");

    // Right-click still opens the row's menu.
    await item(page, "Bravo row").click({ button: "right" });
    const menu = page.getByRole("menu", { name: "Actions for Bravo row" });
    await expect(menu).toBeVisible();
    await menu.getByRole("menuitem", { name: "Flag" }).click();
    const bravo = await uidOf(user, "INBOX", "Bravo row");
    await expect.poll(async () => (await flagsOf(user, "INBOX", bravo))?.has("\\Flagged")).toBe(true);
  });

  test("keyboard: the cursor's row gets its buttons with focus and Tab reaches them; they go when focus leaves", async ({ page }) => {
    const user = testUser(422);
    await resetMailbox(user);
    await appendMessages(user, "INBOX", ["Key one", "Key two", "Key three"].map((s, i) => mk(user.email, s, i)));
    await signIn(page, user);
    const three = list(page).locator("[data-row-button]").filter({ hasText: "Key three" });
    await expect(three).toBeVisible();
    await page.mouse.move(5, 890);
    await page.locator("body").click({ position: { x: 5, y: 890 } });
    await page.keyboard.press("j");
    await expect(three).toBeFocused();
    await expect(page.getByRole("group", { name: "Actions: Key three" })).toBeVisible();
    await expect(actionGroups(page)).toHaveCount(1);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      names.push(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""));
    }
    expect(names).toEqual(["Archive: Key three", "Delete: Key three", "Mark read: Key three", "Flag: Key three"]);
    await shot(page, "keyboard-1440");
    await page.keyboard.press("Enter");
    await expect(list(page).locator("[data-row-button]").filter({ hasText: "Key three" })).toHaveAccessibleName(/, flagged/);
    // Focus moves to the next row: the buttons move with it.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(three).toBeFocused();
    await page.keyboard.press("j");
    await expect(page.getByRole("group", { name: "Actions: Key two" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Actions: Key three" })).toHaveCount(0);
    // Focus leaves the list: no row keeps them.
    await page.getByRole("searchbox", { name: "Search mail" }).focus();
    await expect(actionGroups(page)).toHaveCount(0);
  });

  test("a new list paints the screen's rows first and mounts the overscan after the paint", async ({ page }) => {
    const user = testUser(423);
    await resetMailbox(user);
    await appendMessages(user, "INBOX", Array.from({ length: 40 }, (_, i) => mk(user.email, `Inbox item ${i + 1}`, i)));
    await appendMessages(user, "Archive", Array.from({ length: 40 }, (_, i) => mk(user.email, `Project item ${i + 1}`, i)));
    await signIn(page, user);
    await expect(item(page, "Inbox item 40")).toBeVisible();
    const row = await list(page).getByRole("listitem").first().boundingBox();
    const view = await list(page).locator("xpath=..").boundingBox();
    const onScreen = Math.ceil(view!.height / row!.height);
    // Every frame's count of the Archive's rows, from the click on (requestAnimationFrame runs before each paint).
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[] };
      w.__frames = [];
      const tick = () => {
        const rows = document.querySelectorAll('[role="list"][aria-label="Message list"] [role="listitem"]');
        w.__frames.push(Array.from(rows).filter((el) => el.textContent?.includes("Project item")).length);
        if (w.__frames.length < 240) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await folderLink(page, "Archive").click();
    await expect(item(page, "Project item 40")).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.filter((n) => n > 0).length)).toBeGreaterThan(10);
    const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.filter((n) => n > 0));
    // The first frame with the folder's rows holds the screen and one row more, not the screen and ten.
    expect(frames[0]).toBeLessThanOrEqual(onScreen + 2);
    // Then the usual overscan is there before anyone scrolls.
    expect(frames[frames.length - 1]).toBeGreaterThanOrEqual(Math.min(40, onScreen + 8));

    // Back to the inbox, which the tab has cached: another list replaces the container whole (one DOM
    // swap instead of removing and inserting each row in the live page).
    await list(page).evaluate((el) => el.setAttribute("data-old-list", ""));
    await folderLink(page, "Inbox").click();
    await expect(item(page, "Inbox item 40")).toBeVisible();
    await expect(list(page)).not.toHaveAttribute("data-old-list", "");
    await folderLink(page, "Archive").click();
    await expect(item(page, "Project item 40")).toBeVisible();

    // Scrolling to the end still shows every row on the way (PageDown / End).
    await list(page).getByRole("button", { name: /Project item 40/ }).focus();
    await page.keyboard.press("End");
    const oldest = list(page).getByRole("button", { name: /Project item 1,/ });
    await expect(oldest).toBeFocused();
    await expect(oldest).toBeInViewport();
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("no row carries hover buttons on a phone; swipe and long-press still act", async ({ page }) => {
    const user = testUser(424);
    await resetMailbox(user);
    await appendMessages(user, "INBOX", ["Phone one", "Phone two"].map((s, i) => mk(user.email, s, i)));
    await signIn(page, user);
    await expect(item(page, "Phone two")).toBeVisible();
    await shot(page, "list-390");
    await expect(actionGroups(page)).toHaveCount(0);

    // Long-press: the row's menu.
    const box = (await item(page, "Phone two").boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [at] });
    await expect(page.getByRole("menu", { name: "Actions for Phone two" })).toBeVisible();
    // Let go without the tap a driver's touchEnd would add after a long press (a phone sends none).
    await cdp.send("Input.dispatchTouchEvent", { type: "touchCancel", touchPoints: [] });
    await expect(actionGroups(page)).toHaveCount(0);
    await shot(page, "menu-390");
    await page.getByRole("menu", { name: "Actions for Phone two" }).getByRole("menuitem", { name: "Flag" }).click();
    const two = await uidOf(user, "INBOX", "Phone two");
    await expect.poll(async () => (await flagsOf(user, "INBOX", two))?.has("\\Flagged")).toBe(true);

    // Swipe left: Delete, as before.
    const one = (await item(page, "Phone one").boundingBox())!;
    const y = one.y + one.height / 2;
    const x0 = one.x + one.width / 2;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: x0, y }] });
    for (let i = 1; i <= 8; i++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x0 - (160 * i) / 8, y }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
    await expect.poll(() => subjectsIn(user, "Trash")).toContain("Phone one");
  });
});
