import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

const user = testUser(7);

test.beforeAll(async () => {
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    plainMessage({ from: { name: "Phone Test", address: "p@example.test" }, to: user.email, subject: "Read me on a phone", date: SEED_EPOCH, text: "Small screens welcome." }),
    plainMessage({ from: { name: "The Weekly Frontend", address: "digest@frontend-weekly.example.com" }, to: user.email, subject: "Issue 214", date: SEED_EPOCH, text: "This week." }),
  ]);
});

test("three panes side by side on a wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, user);
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Read me on a phone/ }).first().click();
  const folders = await page.getByRole("navigation", { name: "Folders" }).boundingBox();
  const listBox = await page.getByRole("list", { name: "Message list" }).boundingBox();
  const message = await page.getByRole("region", { name: "Message" }).boundingBox();
  expect(folders && listBox && message).toBeTruthy();
  expect(folders!.x).toBeLessThan(listBox!.x);
  expect(listBox!.x).toBeLessThan(message!.x);
  // Wide screens show the search's choices without focus.
  await expect(page.getByLabel("Search where")).toBeVisible();
  await expect(page.getByLabel("Search in")).toBeVisible();
});

test("at 1024 px the reading pane keeps a sender's address and Forward's options on one line each", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, user);
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Issue 214/ }).first().click();
  const pane = page.getByRole("region", { name: "Message" });
  const address = pane.getByText("<digest@frontend-weekly.example.com>");
  await expect(address).toBeVisible();
  // One line high: the address was cut in two ("<digest@frontend-" / "weekly.example.com>").
  expect((await address.boundingBox())!.height).toBeLessThan(24);
  const forward = (await pane.getByRole("button", { name: "Forward", exact: true }).boundingBox())!;
  const more = (await pane.getByRole("button", { name: "More forward options" }).boundingBox())!;
  expect(Math.abs(forward.y - more.y)).toBeLessThan(4);
});

test("Clear selection: in the line above the list while it shows, else at the end of the toolbar (search results too)", async ({ page }) => {
  // Unread mail of its own: the tests above open (and so read) the file's messages.
  await appendMessages(user, "INBOX", [plainMessage({ from: { name: "Wide Test", address: "w@example.test" }, to: user.email, subject: "Wide and new", date: SEED_EPOCH, text: "Not read yet." })]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, user);
  const list = page.getByRole("list", { name: "Message list" });
  const clear = page.getByRole("button", { name: "Clear selection" });
  const inToolbar = page.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Clear selection" });
  const tickFirst = () => list.getByRole("listitem").first().getByRole("checkbox").check();
  const noneTicked = () => expect(list.getByRole("checkbox", { checked: true })).toHaveCount(0);
  await tickFirst();
  // One, not two: the line above the list shows "Clear selection" in place of "Mark all as read".
  await expect(clear).toHaveCount(1);
  await expect(inToolbar).toBeHidden();
  await clear.click();
  await noneTicked();
  // Nothing unread: that line is gone, and the toolbar offers it.
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("button", { name: "Mark all as read" })).toBeHidden();
  await tickFirst();
  await expect(clear).toHaveCount(1);
  await inToolbar.click();
  await noneTicked();

  const box = page.getByRole("searchbox", { name: "Search mail" });
  await box.fill("phone");
  await box.press("Enter");
  await expect(list.getByRole("button", { name: /Read me on a phone/ })).toBeVisible();
  await tickFirst();
  await inToolbar.click();
  await noneTicked();
  await expect(page.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Delete", exact: true })).toBeDisabled();
});

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("one pane at a time with a clear way back", async ({ page }) => {
    await signIn(page, user);
    const list = page.getByRole("list", { name: "Message list" });
    await expect(list).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeHidden();

    await list.getByRole("button", { name: /Read me on a phone/ }).first().click();
    await expect(page.getByRole("heading", { name: "Read me on a phone" })).toBeVisible();
    await expect(list).toBeHidden();
    await expect(page.getByText("Small screens welcome.")).toBeVisible();

    await page.getByRole("button", { name: "Back to messages" }).click();
    await expect(list).toBeVisible();
    await expect(page.getByRole("heading", { name: "Read me on a phone" })).toBeHidden();

    await page.getByRole("button", { name: "Back to folders" }).click();
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
    await expect(list).toBeHidden();
    // Nothing overflows sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("with nothing ticked the toolbar's line offers Mark all as read, not disabled buttons; a ticked row brings the buttons", async ({ page }) => {
    // Unread mail of its own: the other tests here open (and so read) the file's messages.
    await appendMessages(user, "INBOX", [plainMessage({ from: { name: "Phone Test", address: "p@example.test" }, to: user.email, subject: "Not opened yet", date: SEED_EPOCH, text: "Left alone." })]);
    await signIn(page, user);
    const list = page.getByRole("list", { name: "Message list" });
    const selectAll = page.getByRole("checkbox", { name: "Select all loaded" });
    const markAll = page.getByRole("button", { name: "Mark all as read" });
    const del = page.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Delete" });
    await expect(markAll).toBeVisible();
    await expect(del).toBeHidden();
    // One line for both: the link no longer needs a 44 px line of its own above the list.
    const box = (await selectAll.boundingBox())!;
    const link = (await markAll.boundingBox())!;
    expect(Math.abs(box.y + box.height / 2 - (link.y + link.height / 2))).toBeLessThan(4);
    expect((await list.getByRole("listitem").first().boundingBox())!.y).toBeLessThan(250);

    const rowBox = list.getByRole("listitem").first().getByRole("checkbox");
    await rowBox.check();
    await list.getByRole("listitem").nth(1).getByRole("checkbox").check();
    await expect(del).toBeVisible();
    await expect(markAll).toBeHidden();
    // One tap unticks them all: the wider screens' "Clear selection" line is hidden here.
    await page.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Clear selection" }).click();
    await expect(list.getByRole("checkbox", { checked: true })).toHaveCount(0);
    await expect(del).toBeHidden();
    await rowBox.check();
    await rowBox.uncheck();
    await expect(del).toBeHidden();
    await markAll.click();
    await expect(list.getByRole("button", { name: /unread/ })).toHaveCount(0);
    await expect(markAll).toBeHidden(); // nothing left unread
  });

  test("the search box has room for words, its choices show while it has focus, and the list starts high on the screen", async ({ page }) => {
    await signIn(page, user);
    const list = page.getByRole("list", { name: "Message list" });
    const box = page.getByRole("searchbox", { name: "Search mail" });
    const where = page.getByLabel("Search where");
    const field = page.getByLabel("Search in");
    // Not focused: the box takes the room between the mark and the icons; the two choices wait.
    await expect(box).toBeVisible();
    expect((await box.boundingBox())!.width).toBeGreaterThanOrEqual(120);
    await expect(where).toBeHidden();
    await expect(field).toBeHidden();
    // The header above the rows (folder name, switches, toolbar, position) leaves most of the screen to mail.
    const firstRow = list.getByRole("listitem").first();
    expect((await firstRow.boundingBox())!.y).toBeLessThan(844 * 0.4);

    // Focused: the search spans the bar, with both choices and still room to type (~18 characters: the
    // field choice says "Any field", clearer than "All" beside "This folder", for ~25 px of it).
    await box.tap();
    await expect(where).toBeVisible();
    await expect(field).toBeVisible();
    expect((await box.boundingBox())!.width).toBeGreaterThanOrEqual(135);
    expect((await page.getByRole("search").boundingBox())!.width).toBeGreaterThanOrEqual(350);
    await field.selectOption("subject");
    await expect(where).toBeVisible(); // the choice had focus: still open
    await box.fill("phone");
    await box.press("Enter");
    await expect(page.getByText("Search results for “phone” in Subject")).toBeVisible();
    await expect(list.getByRole("button", { name: /Read me on a phone/ })).toBeVisible();
    // Focus elsewhere: the choices tuck away again and the words stay.
    await page.getByRole("heading", { level: 1 }).first().tap();
    await expect(where).toBeHidden();
    await expect(box).toHaveValue("phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
