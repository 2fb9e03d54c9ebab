import { expect, test, type Page } from "@playwright/test";
import { mailReady, signIn } from "./helpers/session";
import { appendMessages, resetMailbox, subjectsIn, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

// "Empty Trash" in the Trash folder (what "Free up space" sends people to): a confirmation, then the
// whole folder deleted for good in server-side batches. User t454.

const mk = (to: string, subject: string, i: number) =>
  plainMessage({ from: { name: "Everyday Test", address: "everyday@example.test" }, to, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });
const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(subject) }).first();

test.use({ viewport: { width: 1440, height: 900 } });

test("Empty Trash asks first, then deletes everything in Trash for good; Cancel keeps it", async ({ page }) => {
  const user = testUser(454);
  await resetMailbox(user);
  await appendMessages(user, "Trash", ["Old one", "Old two", "Old three"].map((s, i) => mk(user.email, s, i)), ["\\Seen"]);
  await appendMessages(user, "INBOX", [mk(user.email, "Keep me", 5)]);
  await signIn(page, user);
  await expect(row(page, "Keep me")).toBeVisible();
  await expect(page.getByText("Select a message to read it")).toBeVisible();
  await expect(page.getByRole("button", { name: "Empty Trash" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /^Trash/ }).click();
  await expect(row(page, "Old one")).toBeVisible();
  const dialog = page.getByRole("dialog", { name: "Empty Trash?" });
  await page.getByRole("button", { name: "Empty Trash" }).click();
  await expect(dialog).toContainText("All 3 messages in Trash will be deleted permanently");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await subjectsIn(user, "Trash")).toHaveLength(3);
  await page.getByRole("button", { name: "Empty Trash" }).click();
  await dialog.getByRole("button", { name: "Empty Trash" }).click();
  await expect(page.getByText("3 messages deleted permanently")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("No messages in this folder")).toBeVisible();
  expect(await subjectsIn(user, "Trash")).toEqual([]);
  expect(await subjectsIn(user, "INBOX")).toEqual(["Keep me"]);
  // The empty folder, opened afresh: the reading pane invites no click on a message there is not.
  await page.reload();
  await mailReady(page);
  await expect(page.getByText("No messages in this folder")).toBeVisible();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.getByText("Select a message to read it")).toHaveCount(0);
});
