import { expect, type Page } from "@playwright/test";

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, user: { email: string; password: string }, opts: { expectMail?: boolean; protocol?: "IMAP" | "POP3" } = {}) {
  await page.goto("/login");
  if (opts.protocol) await page.getByRole("radio", { name: opts.protocol }).check();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (opts.expectMail !== false) await expect(page).toHaveURL(/\/mail\//, { timeout: 20_000 });
}
