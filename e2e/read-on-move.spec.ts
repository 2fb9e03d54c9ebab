import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * A message that was shown is read, however fast the person moves on. The mark-read POST leaves once the
 * message is painted; pressing j (or clicking another folder) before its answer used to abort it, so a
 * reader going down the list with j left most of what they had read still unread.
 */
const user = testUser(461);
const from = { name: "Read Test", address: "read@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const subjects = ["Move one", "Move two", "Move three", "Move four"];

/** Holds every mark-read POST for `ms` before it goes to the server, so that a next step lands first. */
async function slowMarkRead(page: Page, ms: number) {
  await page.route(/\/api\/messages\/\d+$/, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    await new Promise((r) => setTimeout(r, ms));
    await route.fallback().catch(() => undefined); // an aborted request has nothing left to continue
  });
}

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(subject) }).first();
const pane = (page: Page) => page.getByRole("region", { name: "Message" });

test("messages passed with j before their mark-read answered are read on the server, and their rows say so", async ({ page }) => {
  await resetMailbox(user);
  // Newest first in the list: four … one.
  const uids = await appendMessages(user, "INBOX", subjects.map((s, i) => plainMessage({ from, to: user.email, subject: s, date: at(i + 1), text: `The body of ${s.toLowerCase()}.` })));
  await signIn(page, user);
  await slowMarkRead(page, 600);
  await row(page, "Move four").click();
  await expect(pane(page).getByRole("heading", { name: "Move four" })).toBeVisible();
  for (const next of ["Move three", "Move two"]) {
    await page.keyboard.press("j");
    await expect(pane(page).getByRole("heading", { name: next })).toBeVisible();
  }
  // Every one shown is read on the mail server, not only the last one (whose open was never left).
  for (const uid of [uids[3]!, uids[2]!, uids[1]!]) await expect.poll(async () => (await flagsOf(user, "INBOX", uid))?.has("\\Seen"), { timeout: 10_000 }).toBe(true);
  expect((await flagsOf(user, "INBOX", uids[0]!))?.has("\\Seen")).toBe(false); // never shown
  // And the rows passed by show it without a reload.
  await expect(row(page, "Move four")).not.toHaveAccessibleName(/unread/i);
  await expect(row(page, "Move three")).not.toHaveAccessibleName(/unread/i);
  await expect(row(page, "Move one")).toHaveAccessibleName(/unread/i);
});

test("a message left for another folder before its mark-read answered is still read, and that folder's count drops", async ({ page }) => {
  await resetMailbox(user);
  const [uid] = await appendMessages(user, "INBOX", [plainMessage({ from, to: user.email, subject: "Leave me", date: at(9), text: "Read, then left." })]);
  await signIn(page, user);
  const badge = page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Inbox/ }).getByRole("img", { name: /unread/ });
  await expect(badge).toHaveAccessibleName("1 unread");
  await slowMarkRead(page, 600);
  await row(page, "Leave me").click();
  await expect(pane(page).getByRole("heading", { name: "Leave me" })).toBeVisible();
  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Sent/ }).click();
  await expect(page).toHaveURL(/Sent/);
  await expect.poll(async () => (await flagsOf(user, "INBOX", uid!))?.has("\\Seen"), { timeout: 10_000 }).toBe(true);
  await expect(badge).toHaveCount(0);
});
