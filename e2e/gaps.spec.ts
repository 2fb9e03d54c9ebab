import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { expectAccessible } from "./helpers/axe";
import { threadCorpus } from "./helpers/thread-mail";
import { plainMessage } from "../scripts/seed-lib";

// Issue 12's last gaps: dates in the chosen zone and format (16), j/k in conversations (9), row actions by
// keyboard (5), axe on Settings and the remaining dialogs (22). Users t322–t326 only.
const dates = testUser(322);
const convo = testUser(323);
const keys = testUser(324);
const axe = testUser(325);
const SHOTS = "/tmp/shots-gaps";

test.describe.configure({ mode: "serial" });
// A fixed machine zone and locale, so the expected strings are known: the chosen zone is far from UTC.
test.use({ locale: "en-US", timezoneId: "UTC" });

// 20:30 UTC on Monday 10 March 2025 is 09:30 on Tuesday 11 March in Auckland (NZDT, UTC+13).
const KIWI_DATE = new Date(Date.UTC(2025, 2, 10, 20, 30));
const msg = (to: string, subject: string, date: Date, text = "Hello there.") => plainMessage({ from: { name: "Bob Sender", address: "bob@example.test" }, to, subject, date, text });

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const u of [dates, convo, keys, axe]) await resetMailbox(u);
  await appendMessages(dates, "INBOX", [msg(dates.email, "Kiwi time", KIWI_DATE)]);
  const tag = `gaps${Date.now()}`;
  for (const m of threadCorpus(convo.email, tag)) await appendMessages(convo, m.folder, [m.raw]);
  await appendMessages(keys, "INBOX", [msg(keys.email, "Keyboard one", new Date(Date.UTC(2026, 10, 2, 9))), msg(keys.email, "Keyboard two", new Date(Date.UTC(2026, 10, 3, 9)))]);
  await appendMessages(axe, "INBOX", [msg(axe.email, "Axe check", new Date(Date.UTC(2026, 10, 4, 9)))]);
  await appendMessages(axe, "Trash", [msg(axe.email, "Binned", new Date(Date.UTC(2026, 10, 1, 9)))]);
});

async function newPage(browser: Browser, opts: { width?: number; dark?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1440, height: 900 }, colorScheme: opts.dark ? "dark" : "light", locale: "en-US", timezoneId: "UTC" });
  return context.newPage();
}

async function chooseDates(page: Page, zone: string, format: string) {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  const zoneSelect = page.getByLabel("Time zone");
  const formatSelect = page.getByLabel("Date format");
  // The selects show the stored choice only once the page is hydrated and has its settings (its server
  // HTML has the defaults): read before that, a stored Auckland looked like "this device's zone" and was
  // never undone, and a choice made before hydration is not heard.
  await expect.poll(() => zoneSelect.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__react")))).toBe(true);
  const stored = (await (await page.request.get("/api/settings")).json()) as { timeZone: string; dateFormat: string };
  await expect(zoneSelect).toHaveValue(stored.timeZone);
  await expect(formatSelect).toHaveValue(stored.dateFormat);
  if ((await zoneSelect.inputValue()) !== zone) {
    await zoneSelect.selectOption(zone);
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  }
  if ((await formatSelect.inputValue()) !== format) {
    await formatSelect.selectOption(format);
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to mail" }).click();
  await expect(page).toHaveURL(/\/mail\/INBOX/);
}

test.describe("dates in the zone and format chosen in Settings (point 16)", () => {
  // The row's date and the open message's full date, computed by hand from KIWI_DATE in Auckland.
  const expected = {
    auto: { row: "11 Mar 2025", full: "Tuesday, 11 March 2025, 9:30 AM" },
    dmy: { row: "11/03/2025", full: "Tuesday, 11/03/2025, 9:30 AM" },
    mdy: { row: "03/11/2025", full: "Tuesday, 03/11/2025, 9:30 AM" },
    ymd: { row: "2025-03-11", full: "Tuesday, 2025-03-11, 9:30 AM" },
  } as const;

  test("each format, in Pacific/Auckland, shows in the row and in the open message", async ({ page }) => {
    await signIn(page, dates);
    const row = page.locator("[data-row-button]").filter({ hasText: "Kiwi time" }); // not its hover actions
    // Before any choice (put back first, in case a failed run left one): the browser's zone (UTC here),
    // where it is still the 10th.
    await chooseDates(page, "", "auto");
    await expect(row.locator("time")).toHaveText("10 Mar 2025");
    for (const format of ["ymd", "dmy", "mdy", "auto"] as const) {
      await chooseDates(page, "Pacific/Auckland", format);
      await expect(row.locator("time")).toHaveText(expected[format].row);
      await expect(row).toHaveAccessibleName(new RegExp(`, ${expected[format].row.replace(/\//g, "\\/")}`));
      await row.click();
      await expect(page.locator("time", { hasText: "Tuesday" }).first()).toHaveText(expected[format].full);
      if (format === "ymd") await page.screenshot({ path: `${SHOTS}/dates-ymd-1440.png` });
    }
    // Back to the browser's own zone for later runs.
    await chooseDates(page, "", "auto");
    await expect(row.locator("time")).toHaveText("10 Mar 2025");
  });
});

test.describe("keyboard (points 9 and 5)", () => {
  test("j/k move between conversations from the newest, and open the next or previous one when one is open", async ({ page }) => {
    await signIn(page, convo);
    const sw = page.getByRole("switch", { name: "Conversations" });
    await expect(sw).toBeEnabled();
    if ((await sw.getAttribute("aria-checked")) !== "true") await sw.click();
    const rows = page.getByRole("list", { name: "Conversations" }).locator("[data-thread-row] > button");
    await expect(rows).toHaveCount(3);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("j");
    await expect(rows.nth(0)).toBeFocused(); // the newest, not the one after it
    await expect(rows.nth(0)).toHaveAccessibleName(/Budget/);
    await page.keyboard.press("j");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("k");
    await expect(rows.nth(0)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("heading", { name: /Budget/ }).first()).toBeVisible();
    // With a conversation open, j opens the next one and k the previous.
    await page.keyboard.press("j");
    await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("heading", { name: /Offsite plan/ }).first()).toBeVisible();
    await page.keyboard.press("j");
    await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("k");
    await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
    await page.screenshot({ path: `${SHOTS}/thread-keys-1440.png` });
    await sw.click(); // leave the person's choice off again
    await expect(sw).toHaveAttribute("aria-checked", "false");
  });

  test("a row's Archive, Delete, Mark read and Flag are reached with Tab and shown while the row has keyboard focus", async ({ page }) => {
    await signIn(page, keys);
    const list = page.getByRole("list", { name: "Message list" });
    const two = list.getByRole("button", { name: /^Bob Sender, Keyboard two/ });
    await expect(two).toBeVisible();
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("j");
    await expect(two).toBeFocused();
    const actions = page.getByRole("group", { name: "Actions: Keyboard two" });
    await expect(actions).toBeVisible();
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      names.push(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""));
    }
    expect(names).toEqual(expect.arrayContaining(["Delete: Keyboard two", "Mark read: Keyboard two", "Flag: Keyboard two"]));
    await page.screenshot({ path: `${SHOTS}/row-actions-keyboard-1440.png` });
    // Only the cursor's row is in the Tab order: the other row's buttons are not reached.
    expect(names.some((n) => n.includes("Keyboard one"))).toBe(false);
    await page.getByRole("button", { name: "Flag: Keyboard two" }).focus();
    await page.keyboard.press("Enter");
    await expect(two).toHaveAccessibleName(/, flagged/);
    // Not shown for a row the pointer and the keyboard are away from.
    await expect(page.getByRole("group", { name: "Actions: Keyboard one" })).toBeHidden();
  });
});

test.describe("axe on Settings and the remaining dialogs (point 22)", () => {
  for (const width of [390, 1440]) {
    for (const dark of [false, true]) {
      test(`Settings, every section, ${width} px ${dark ? "dark" : "light"}`, async ({ browser }) => {
        const page = await newPage(browser, { width, dark });
        await signIn(page, axe);
        await page.goto("/settings");
        for (const name of ["Your name", "Identities and signatures", "Appearance", "Reading and sending", "Date and time"]) {
          await expect(page.getByRole("heading", { name })).toBeVisible();
        }
        await expectAccessible(page, `settings ${width} ${dark ? "dark" : "light"}`);
        await page.screenshot({ path: `${SHOTS}/settings-${width}-${dark ? "dark" : "light"}.png`, fullPage: true });
        await page.context().close();
      });
    }
  }

  test("View source, Delete permanently, the link popover and the Move menu", async ({ browser }) => {
    for (const dark of [false, true]) {
      const page = await newPage(browser, { dark });
      await signIn(page, axe);
      await page.locator("[data-row-button]").filter({ hasText: "Axe check" }).click();
      const toolbar = page.getByRole("toolbar", { name: "Open message actions" });
      await toolbar.getByRole("button", { name: "View source" }).click();
      const source = page.getByRole("dialog", { name: "Message source" });
      await expect(source.getByLabel("Raw message")).toContainText("Subject: Axe check");
      await expectAccessible(page, `source dialog ${dark ? "dark" : "light"}`);
      await source.getByRole("button", { name: "Close" }).click();

      await toolbar.getByRole("button", { name: "Move message to…" }).click();
      await expect(page.getByRole("menu", { name: "Move to folder" })).toBeVisible();
      await expectAccessible(page, `move menu ${dark ? "dark" : "light"}`);
      await page.keyboard.press("Escape");

      await page.keyboard.press("c");
      const composer = page.getByRole("dialog", { name: "New message" });
      await expect(composer).toBeVisible();
      await composer.getByRole("button", { name: "Link" }).click();
      await expect(page.getByRole("dialog", { name: "Add link" }).getByLabel("Link address")).toBeVisible();
      await expectAccessible(page, `link popover ${dark ? "dark" : "light"}`);
      await page.screenshot({ path: `${SHOTS}/link-popover-1440-${dark ? "dark" : "light"}.png` });
      await page.keyboard.press("Escape");

      await page.goto("/mail/Trash");
      await page.locator("[data-row-button]").filter({ hasText: "Binned" }).click();
      await page.getByRole("toolbar", { name: "Open message actions" }).getByRole("button", { name: "Delete message" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Delete permanently?" }).or(page.getByRole("dialog", { name: "Delete permanently?" }));
      await expect(confirm).toBeVisible();
      await expectAccessible(page, `delete confirm ${dark ? "dark" : "light"}`);
      await page.screenshot({ path: `${SHOTS}/delete-confirm-1440-${dark ? "dark" : "light"}.png` });
      await confirm.getByRole("button", { name: "Cancel" }).click();
      await page.context().close();
    }
  });
});
