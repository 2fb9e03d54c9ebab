import { expect, test, type Page, type Request } from "@playwright/test";
import { testUser } from "./helpers/imap";

// The sign-in form before (or without) its JavaScript: a POST, never GET /login?password=….
// Users t49–t51 only (sign-in does not change their mail).

function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => seen.push(r));
  return seen;
}

function expectNoSecretInUrls(requests: Request[], ...secrets: string[]) {
  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) {
    for (const s of secrets) {
      expect(r.url(), r.url()).not.toContain(s);
      expect(r.url(), r.url()).not.toContain(encodeURIComponent(s));
    }
  }
}

test("with JavaScript disabled, Enter signs in by POST and the password never appears in a URL", async ({ browser }) => {
  const user = testUser(50);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests = recordRequests(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(/\/mail\/INBOX$/, { timeout: 20_000 });

  const post = requests.find((r) => r.method() === "POST" && new URL(r.url()).pathname === "/login/submit");
  expect(post, "the form posted to /login/submit").toBeTruthy();
  expect(post!.postData()).toContain(`password=${encodeURIComponent(user.password)}`);
  expect(requests.filter((r) => r.method() === "GET" && new URL(r.url()).pathname === "/login" && new URL(r.url()).search !== "")).toEqual([]);
  expectNoSecretInUrls(requests, user.password);

  // The very session the JavaScript sign-in creates: the API and the pages accept it.
  const folders = await context.request.get("/api/folders");
  expect(folders.status()).toBe(200);
  const session = await (await context.request.get("/api/auth/session")).json();
  expect(session.user.email).toBe(user.email);
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await context.close();
});

test("with JavaScript disabled, a wrong password comes back as words on /login, with neither address nor password in the URL", async ({ browser }) => {
  const user = testUser(49);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests = recordRequests(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password-49");
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(/\/login\?error=AUTH_FAILED$/);
  await expect(page.getByRole("alert")).toHaveText(/password is not right/i);
  expectNoSecretInUrls(requests, "not-the-password-49", user.email);
  expect((await context.request.get("/api/folders")).status()).toBe(401);
  await context.close();
});

test("what was typed before the page's JavaScript loaded is kept, and the JavaScript sign-in uses it", async ({ page }) => {
  const user = testUser(51);
  const requests = recordRequests(page);
  // Hold back the app's scripts so the person types into the server-rendered form.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await gate;
    await route.continue();
  });
  // "commit": the deferred scripts we hold back would keep DOMContentLoaded from firing.
  await page.goto("/login", { waitUntil: "commit" });
  await expect(page.getByLabel("Email")).toBeVisible();
  const hydrated = () => page.evaluate(() => Object.keys(document.querySelector("form")!).some((k) => k.startsWith("__react")));
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  expect(await hydrated()).toBe(false);

  release();
  await expect.poll(hydrated, { timeout: 20_000 }).toBe(true);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expect(page.getByLabel("Password")).toHaveValue(user.password);

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 20_000 });
  // It was the JavaScript path (one fetch asking for JSON, then the mail page), with what was typed before
  // hydration; next-auth's client round trips (providers, csrf, callback, session) are gone (issue 13).
  const posts = requests.filter((r) => r.method() === "POST" && new URL(r.url()).pathname === "/login/submit");
  expect(posts).toHaveLength(1);
  expect(posts[0]!.resourceType()).toBe("fetch");
  expect(posts[0]!.headers()["accept"]).toContain("application/json");
  const authCalls = requests.map((r) => new URL(r.url()).pathname).filter((p) => p.startsWith("/api/auth/"));
  expect(authCalls).toEqual([]);
  const session = await (await page.request.get("/api/auth/session")).json();
  // No name was asked for (it is set in Settings): the account's own name.
  expect(session.user).toEqual({ email: user.email, name: "t51" });
  expectNoSecretInUrls(requests, user.password);
});

test("a post to the no-JavaScript sign-in from another site is refused", async ({ request }) => {
  const user = testUser(50);
  const res = await request.post("/login/submit", {
    form: { email: user.email, password: user.password },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ code: "CROSS_SITE_REQUEST" });
  expect(res.headers()["set-cookie"]).toBeUndefined();
});
