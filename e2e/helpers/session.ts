import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

type Credentials = { email: string; password: string };

interface SignInOptions {
  expectMail?: boolean;
  protocol?: "IMAP" | "POP3";
  /** The display name shown to colleagues (remembered by this browser, sent by the sign-in script); the default without it. */
  name?: string;
  /** How long the redirect to /mail may take (an app of its own, started cold, needs longer). */
  timeout?: number;
}

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, user: Credentials, opts: SignInOptions = {}) {
  await page.goto("/login");
  if (opts.protocol) await chooseProtocol(page, opts.protocol);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  if (opts.name) await rememberDisplayName(page, user.email, opts.name);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (opts.expectMail !== false) {
    await expect(page).toHaveURL(/\/mail\//, { timeout: opts.timeout ?? 20_000 });
    await mailReady(page, opts.timeout);
  }
}

/** The mail page's script has run (the list in the server's HTML shows before it, but keys and clicks wait for it). */
export async function mailReady(page: Page, timeout = 20_000) {
  await page.locator("html[data-mail-ready]").waitFor({ state: "attached", timeout });
}

interface SignInAsOptions {
  /** The app to sign in to (an instance of its own, e2e/helpers/own-server.ts); the suite's app without it. */
  baseURL?: string;
  /** Where to go once signed in, if not the inbox the sign-in lands on. */
  path?: string;
  /** More of the new context (colour scheme, viewport). */
  context?: BrowserContextOptions;
  timeout?: number;
  /** Runs on the new page before it loads anything (to watch its responses from the first one). */
  onPage?: (page: Page) => void;
}

/**
 * One person in a browser context of their own, signed in under a display name: how the team and
 * presence suites put several people in one mailbox. `name` undefined leaves the name field empty.
 */
export async function signInAs(browser: Browser, user: Credentials, name: string | undefined, opts: SignInAsOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...opts.context, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}) });
  const page = await context.newPage();
  opts.onPage?.(page);
  await signIn(page, user, { name, timeout: opts.timeout });
  if (opts.path && opts.path !== "/mail/INBOX") {
    await page.goto(opts.path);
    if (opts.path.startsWith("/mail")) await mailReady(page, opts.timeout);
  }
  return page;
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
