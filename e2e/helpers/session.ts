import { expect, type Page } from "@playwright/test";

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, user: { email: string; password: string }, opts: { expectMail?: boolean; protocol?: "IMAP" | "POP3" } = {}) {
  await page.goto("/login");
  if (opts.protocol) await chooseProtocol(page, opts.protocol);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (opts.expectMail !== false) await expect(page).toHaveURL(/\/mail\//, { timeout: 20_000 });
}

/** The account type sits under "More options" on the sign-in page (only when both are configured). */
export async function chooseProtocol(page: Page, protocol: "IMAP" | "POP3") {
  const radio = page.getByRole("radio", { name: protocol });
  if (!(await radio.isVisible())) await page.locator("summary", { hasText: "More options" }).click();
  await radio.check();
}

/** Whether the sign-in form's script has taken over (React's keys on the form element). */
export async function loginHydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const form = document.querySelector("form");
    return !!form && Object.keys(form).some((k) => k.startsWith("__react"));
  });
}

/**
 * The sign-in page no longer asks for the name colleagues see (it moved to Settings): the JavaScript
 * sign-in sends the name this browser remembers for the address. Call on /login before "Sign in":
 * it stores the name as a person's earlier sign-in would have, and waits for the script that sends it.
 */
export async function rememberDisplayName(page: Page, email: string, name: string) {
  await page.evaluate(
    ([key, value]) => {
      const all = JSON.parse(window.localStorage.getItem("mailroom.displayNames") ?? "{}") as Record<string, string>;
      all[key] = value;
      window.localStorage.setItem("mailroom.displayNames", JSON.stringify(all));
    },
    [email.trim().toLowerCase(), name] as const,
  );
  await expect.poll(() => loginHydrated(page), { timeout: 20_000 }).toBe(true);
}
