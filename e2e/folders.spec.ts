import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, folderPaths, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

const user = testUser(2);
const msg = (subject: string, i: number) =>
  plainMessage({ from: { name: "Folder Test", address: "ft@example.test" }, to: user.email, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });

test.beforeAll(async () => {
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [msg("one", 1), msg("two", 2)]);
  await appendMessages(user, "INBOX", [msg("three", 3)], ["\\Seen"]);
  await withImap(user, (c) => c.mailboxCreate("Projects").then(() => undefined));
  await appendMessages(user, "Projects", [msg("project note", 4)]);
});

test("folder tree: special folders first, unread counts, nested folders", async ({ page }) => {
  await signIn(page, user);
  const nav = page.getByRole("navigation", { name: "Folders" });
  await expect(nav.getByRole("link", { name: /Projects/ })).toBeVisible();
  const names = (await nav.getByRole("link").allInnerTexts()).map((t) => t.split("\n")[0]!.trim());
  expect(names.slice(0, 6)).toEqual(["Inbox", "Drafts", "Sent", "Archive", "Junk", "Trash"]);
  expect(names).toContain("Projects");
  await expect(nav.getByRole("link", { name: /Inbox/ }).getByLabel("2 unread")).toBeVisible();
  await expect(nav.getByRole("link", { name: /Projects/ }).getByLabel("1 unread")).toBeVisible();
  // The tab's title carries the folder and its unread count.
  await expect(page).toHaveTitle("Inbox (2) · Mailroom");
});

test("create, rename and delete a folder (checked on the server)", async ({ page }) => {
  await signIn(page, user);
  const nav = page.getByRole("navigation", { name: "Folders" });

  await page.getByRole("button", { name: "New folder" }).click();
  const create = page.getByRole("dialog");
  await create.getByLabel("Folder name").fill("Clients");
  await create.getByRole("button", { name: /Create/ }).click();
  await expect(nav.getByRole("link", { name: /Clients/ })).toBeVisible();
  expect(await folderPaths(user)).toContain("Clients");

  await page.getByRole("button", { name: "Folder actions for Clients" }).click();
  await page.getByRole("menuitem", { name: "Rename folder" }).click();
  const rename = page.getByRole("dialog");
  await rename.getByLabel("Folder name").fill("Customers");
  await rename.getByRole("button", { name: /Rename/ }).click();
  await expect(nav.getByRole("link", { name: /Customers/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: /Clients/ })).toHaveCount(0);
  const afterRename = await folderPaths(user);
  expect(afterRename).toContain("Customers");
  expect(afterRename).not.toContain("Clients");

  await page.getByRole("button", { name: "Folder actions for Customers" }).click();
  await page.getByRole("menuitem", { name: "Delete folder" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Delete/ }).click();
  await expect(nav.getByRole("link", { name: /Customers/ })).toHaveCount(0);
  expect(await folderPaths(user)).not.toContain("Customers");
});

test("a nested folder is created under its parent and indented", async ({ page }) => {
  await signIn(page, user);
  await page.getByRole("button", { name: "New folder" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Folder name").fill("Q4");
  await dialog.getByLabel(/Parent/).selectOption({ label: "Projects" });
  await dialog.getByRole("button", { name: /Create/ }).click();
  const nav = page.getByRole("navigation", { name: "Folders" });
  const child = nav.getByRole("link", { name: /Q4/ });
  await expect(child).toBeVisible();
  expect(await folderPaths(user)).toContain("Projects/Q4");
  const parentBox = await nav.getByRole("link", { name: /Projects/ }).first().boundingBox();
  const childText = await child.getByText("Q4", { exact: true }).boundingBox();
  const parentText = await nav.getByRole("link", { name: /Projects/ }).first().getByText("Projects", { exact: true }).boundingBox();
  expect(parentBox && childText && parentText && childText.x > parentText.x).toBeTruthy();
});

test("a folder shared through IMAP ACL appears once under Shared and opens", async ({ page }) => {
  // The seed shares alice's "Team" with bob (read-only) through SETACL.
  await signIn(page, { email: "bob@example.test", password: "mailroom-demo" });
  const nav = page.getByRole("navigation", { name: "Folders" });
  await expect(nav.getByRole("heading", { name: "Shared" })).toBeVisible();
  const team = nav.getByRole("link", { name: /Team/ });
  await expect(team).toHaveCount(1);
  await team.click();
  await expect(page.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Team: welcome to the shared folder/ })).toBeVisible();
});
