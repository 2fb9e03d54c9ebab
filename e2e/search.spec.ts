import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

const user = testUser(5);
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);

test.beforeAll(async () => {
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    plainMessage({ from: { name: "Zoe Keeper", address: "zoe@zoo.example" }, to: user.email, subject: "Feeding schedule", date: at(1), text: "The giraffes eat at noon." }),
    plainMessage({ from: { name: "Max Mustermann", address: "max@example.test" }, to: user.email, subject: "Invoice for October", date: at(2), text: "Please find the zebra invoice." }),
    plainMessage({ from: { name: "Ana", address: "ana@example.test" }, to: user.email, subject: "Lunch", date: at(3), text: "Pizza? \"quoted\" (parens) * and % chars" }),
  ]);
});

test("search by body, sender and subject through IMAP SEARCH, then clear", async ({ page }) => {
  await signIn(page, user);
  const list = page.getByRole("list", { name: "Message list" });
  await expect(list.getByRole("button")).not.toHaveCount(0);
  const box = page.getByRole("searchbox", { name: "Search mail" });

  await box.fill("zebra");
  await box.press("Enter");
  await expect(list.getByRole("button", { name: /Invoice for October/ })).toBeVisible();
  await expect(list.getByRole("button", { name: /Feeding schedule|Lunch/ })).toHaveCount(0);

  await box.fill("zoo.example");
  await box.press("Enter");
  await expect(list.getByRole("button", { name: /Feeding schedule/ })).toBeVisible();
  await expect(list.getByRole("button", { name: /Invoice/ })).toHaveCount(0);

  // Characters that would break a hand-built IMAP command are only ever a search value.
  await box.fill('"quoted" (parens) * and %');
  await box.press("Enter");
  await expect(list.getByRole("button", { name: /Lunch/ })).toBeVisible();

  await box.fill("nothing-matches-this");
  await box.press("Enter");
  await expect(page.getByText(/No messages match/)).toBeVisible();

  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(list.getByRole("button", { name: /Lunch|Invoice|Feeding/ })).toHaveCount(3);
});
