import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

type Credentials = { email: string; password: string };

interface SignInOptions {
  expectMail?: boolean;
  protocol?: "IMAP" | "POP3";
  /** The display name shown to colleagues (sign-in form's optional field); left empty without it. */
  name?: string;
  /** How long the redirect to /mail may take (an app of its own, started cold, needs longer). */
  timeout?: number;
}

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, user: Credentials, opts: SignInOptions = {}) {
  await page.goto("/login");
  if (opts.protocol) await page.getByRole("radio", { name: opts.protocol }).check();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  if (opts.name) await page.getByLabel("Your name (shown to colleagues)").fill(opts.name);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (opts.expectMail !== false) await expect(page).toHaveURL(/\/mail\//, { timeout: opts.timeout ?? 20_000 });
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
  if (opts.path && opts.path !== "/mail/INBOX") await page.goto(opts.path);
  return page;
}
