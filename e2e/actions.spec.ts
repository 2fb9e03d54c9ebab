import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, subjectsIn, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

const user = testUser(4);
const mk = (subject: string, i: number) =>
  plainMessage({ from: { name: "Action Test", address: "act@example.test" }, to: user.email, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });

let uids: Record<string, number> = {};

test.beforeAll(async () => {
  await resetMailbox(user);
  const subjects = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];
  const got = await appendMessages(user, "INBOX", subjects.map(mk));
  uids = Object.fromEntries(subjects.map((s, i) => [s, got[i]!]));
});

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const check = (page: Page, subject: string) => list(page).getByRole("checkbox", { name: new RegExp(`: ${subject}$`) }).check();

test.describe.configure({ mode: "serial" });

test("flag and unflag, verified on the server", async ({ page }) => {
  await signIn(page, user);
  await check(page, "Alpha");
  await page.getByRole("button", { name: "Flag", exact: true }).click();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uids.Alpha!))?.has("\\Flagged")).toBe(true);
  await check(page, "Alpha");
  await page.getByRole("button", { name: "Unflag", exact: true }).click();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uids.Alpha!))?.has("\\Flagged")).toBe(false);
});

test("mark read and unread on a multi-selection, verified on the server", async ({ page }) => {
  await signIn(page, user);
  await check(page, "Bravo");
  await check(page, "Charlie");
  await page.getByRole("button", { name: "Mark read", exact: true }).click();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uids.Bravo!))?.has("\\Seen")).toBe(true);
  expect((await flagsOf(user, "INBOX", uids.Charlie!))?.has("\\Seen")).toBe(true);
  expect((await flagsOf(user, "INBOX", uids.Delta!))?.has("\\Seen")).toBe(false);
  await check(page, "Bravo");
  await page.getByRole("button", { name: "Mark unread", exact: true }).click();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uids.Bravo!))?.has("\\Seen")).toBe(false);
});

test("opening a message marks it read", async ({ page }) => {
  await signIn(page, user);
  await list(page).getByRole("button", { name: /Echo/ }).first().click();
  await expect(page.getByRole("heading", { name: "Echo" })).toBeVisible();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uids.Echo!))?.has("\\Seen")).toBe(true);
});

test("move to another folder, verified on the server", async ({ page }) => {
  await signIn(page, user);
  await check(page, "Delta");
  await page.getByRole("button", { name: "Move to…" }).click();
  await page.getByRole("menuitem", { name: "Archive" }).click();
  await expect(list(page).getByRole("button", { name: /Delta/ })).toHaveCount(0);
  await expect.poll(() => subjectsIn(user, "Archive")).toContain("Delta");
  expect(await subjectsIn(user, "INBOX")).not.toContain("Delta");
});

test("delete moves to Trash; delete in Trash is permanent", async ({ page }) => {
  await signIn(page, user);
  await check(page, "Charlie");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(list(page).getByRole("button", { name: /Charlie/ })).toHaveCount(0);
  await expect.poll(() => subjectsIn(user, "Trash")).toContain("Charlie");
  expect(await subjectsIn(user, "INBOX")).not.toContain("Charlie");

  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Trash/ }).click();
  await check(page, "Charlie");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Delete/ }).click();
  await expect(list(page).getByRole("button", { name: /Charlie/ })).toHaveCount(0);
  await expect.poll(() => subjectsIn(user, "Trash")).not.toContain("Charlie");
  expect(await subjectsIn(user, "INBOX")).not.toContain("Charlie");
});

test("the newest page reflects changes made by another IMAP client (cache checked against HIGHESTMODSEQ)", async ({ page }) => {
  await signIn(page, user);
  const list = async () => (await (await page.request.get("/api/messages?folder=INBOX&limit=50")).json()) as { messages: { uid: number; subject: string; flagged: boolean }[] };
  const before = await list();
  const target = before.messages.find((m) => m.subject === "Echo")!;
  expect(target.flagged).toBe(false);
  expect((await list()).messages.map((m) => m.uid)).toEqual(before.messages.map((m) => m.uid));

  await withImap(user, async (c) => {
    const lock = await c.getMailboxLock("INBOX");
    try {
      await c.messageFlagsAdd(String(target.uid), ["\\Flagged"], { uid: true });
    } finally {
      lock.release();
    }
  });
  expect((await list()).messages.find((m) => m.uid === target.uid)?.flagged).toBe(true);

  const [added] = await appendMessages(user, "INBOX", [mk("Foxtrot", 9)]);
  expect((await list()).messages[0]).toMatchObject({ uid: added, subject: "Foxtrot" });
});
