import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { testUser } from "./helpers/imap";

const user = testUser(1);

test("sign in with a mail account, and nothing secret reaches the browser", async ({ page, context }) => {
  await signIn(page, user);
  await expect(page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Inbox/ })).toBeVisible();
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.includes("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  const body = await (await page.request.get("/api/auth/session")).text();
  expect(body).toContain(user.email);
  expect(body).not.toContain(user.password);
  expect(body).not.toMatch(/sealed|password/i);
  expect(await page.content()).not.toContain(user.password);
  // Pages are locked to our origin: no remote scripts, frames, plugins or form targets.
  const csp = (await page.request.get("/login")).headers()["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
});

test("a wrong password is refused in words, and the password field is ready to type again", async ({ page }) => {
  await page.goto("/login");
  const card = page.getByRole("button", { name: "Sign in" });
  const top = (await page.getByLabel("Email").boundingBox())!.y;
  await signIn(page, { email: user.email, password: "not-the-password" }, { expectMail: false });
  await expect(page.getByRole("alert").filter({ hasText: /password is not right/i })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  const password = page.getByLabel("Password");
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/password is not right/i);
  // Its text is selected: typing replaces it.
  await page.keyboard.type(user.password);
  await expect(password).toHaveValue(user.password);
  // The error grew the card downwards: the fields did not move under the pointer.
  expect((await page.getByLabel("Email").boundingBox())!.y).toBe(top);
  await card.click();
  await expect(page).toHaveURL(/\/mail\//);
});

test("an empty submit points at the field to fill in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /enter your email address and password/i })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
});

test("an address this server does not host is an unknown user", async ({ page }) => {
  await signIn(page, { email: "someone@elsewhere.example", password: "whatever" }, { expectMail: false });
  await expect(page.getByRole("alert").filter({ hasText: /no mail account for this address/i })).toBeVisible();
});

test("a mail server that is down says so", async ({ page }) => {
  // The second app instance of playwright.config.ts points at an IMAP port where nothing listens.
  const downApp = `http://127.0.0.1:${Number(process.env.APP_PORT ?? 3100) + 1}`;
  await page.goto(`${downApp}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /can't be reached/i })).toBeVisible();
});

test("sign-out ends the session: pages and the API need a new sign-in, even with the old cookie", async ({ page, context }) => {
  await signIn(page, user);
  expect((await page.request.get("/api/folders")).status()).toBe(200);
  const oldCookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  const res = await page.request.get("/api/folders");
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  await page.goto("/mail/INBOX");
  await expect(page).toHaveURL(/\/login/);
  // A copy of the signed-out session cookie is refused too.
  await context.addCookies(oldCookies);
  const replay = await page.request.get("/api/folders");
  expect(replay.status()).toBe(401);
});

test("repeated failed sign-ins are slowed down", async ({ request }) => {
  const victim = testUser(19);
  const attempt = async () => {
    const csrf = (await (await request.get("/api/auth/csrf")).json()).csrfToken as string;
    const started = Date.now();
    const res = await request.post("/api/auth/callback/credentials", {
      form: { email: victim.email, password: "wrong", csrfToken: csrf, json: "true" },
      headers: { "x-forwarded-for": "203.0.113.77" },
    });
    return { ms: Date.now() - started, url: (await res.json()).url as string };
  };
  const first = await attempt();
  expect(first.url).toContain("error=AUTH_FAILED");
  for (let i = 0; i < 3; i++) await attempt();
  // After three free failures each further one waits (0.5 s, then 1 s, ...).
  const fifth = await attempt();
  expect(fifth.url).toContain("error=AUTH_FAILED");
  expect(fifth.ms).toBeGreaterThanOrEqual(900);
});

test("a sign-in link cannot send the person to another site afterwards (?callbackUrl=)", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Parsed, "/.//evil.example/x" keeps our origin but its path is "//evil.example/x": another host to a browser.
  const link = `/login?callbackUrl=${encodeURIComponent("/.//evil.example/x")}`;
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== origin) elsewhere.push(r.url());
    });
    await page.goto(link);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, `scripts ${javaScriptEnabled ? "on" : "off"}`).toHaveURL((u) => u.origin === origin && u.pathname.startsWith("/mail/"));
    // Signed in, the same link on the sign-in page goes to the mail, not away.
    await page.goto(link);
    await expect(page).toHaveURL(/\/mail\//);
    expect(new URL(page.url()).origin).toBe(origin);
    expect(elsewhere).toEqual([]);
    await context.close();
  }
});
