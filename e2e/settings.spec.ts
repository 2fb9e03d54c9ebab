import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { chooseProtocol, loginHydrated, mailReady, signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage } from "../scripts/seed-lib";

// Issue 12 points 15–18: Settings, signatures and identities, quota, the shorter sign-in.
// Users t302–t308 only (t301 belongs to lib/imap/quota.int.test.ts).
const pop = testUser(302);
const tess = testUser(303);
const quota = testUser(304);
const layout = testUser(305);
const named = testUser(306);
const look = testUser(307);
const SHOTS = "/tmp/shots-settings";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const u of [tess, quota, layout, named, look]) await resetMailbox(u);
});

const msg = (to: string, subject: string, text: string, day = 1) =>
  plainMessage({ from: { name: "Bob Sender", address: "bob@example.test" }, to, subject, date: new Date(Date.UTC(2026, 10, day, 9)), text });

async function newContext(browser: Browser, opts: { width?: number; dark?: boolean } = {}) {
  return browser.newContext({ viewport: { width: opts.width ?? 1440, height: 900 }, colorScheme: opts.dark ? "dark" : "light" });
}

async function openSettings(page: Page) {
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
}

async function fetchSent(user: { email: string; password: string }, subject: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const raw = await withImap(user, async (c) => {
      const lock = await c.getMailboxLock("Sent");
      try {
        if (!c.mailbox || c.mailbox.exists === 0) return null;
        for await (const m of c.fetch("1:*", { envelope: true, source: true })) if (m.envelope?.subject === subject) return m.source!;
        return null;
      } finally {
        lock.release();
      }
    });
    if (raw) return simpleParser(raw);
    if (Date.now() > until) throw new Error(`${subject} not in Sent`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test("sign-in asks for email and password only; IMAP/POP3 sits under More options and is remembered", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expect(page.getByLabel(/Your name/)).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "POP3" })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/login-1440-light.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.locator("summary", { hasText: "More options" }).click();
  await page.screenshot({ path: `${SHOTS}/login-390-dark.png` });
  await page.locator("summary", { hasText: "More options" }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await chooseProtocol(page, "POP3");
  await page.getByLabel("Email").fill(pop.email);
  await page.getByLabel("Password").fill(pop.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 20_000 });
  await mailReady(page); // "Sign out" below is a click: the script must have taken over the page's HTML
  expect((await (await page.request.get("/api/account")).json()).protocol).toBe("pop3");
  // The name colleagues see defaults to the account's name.
  expect((await (await page.request.get("/api/auth/session")).json()).user.name).toBe("t302");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // This browser remembers POP3: the summary says so and the radio is checked.
  await expect(page.getByText("More options")).toBeVisible();
  await expect(page.getByText("(POP3)")).toBeVisible();
  await page.locator("summary", { hasText: "More options" }).click();
  await expect(page.getByRole("radio", { name: "POP3" })).toBeChecked();
  await context.close();
});

test("Settings: theme, density, reading pane and the other preferences apply at once and follow the account to another browser", async ({ browser }) => {
  await appendMessages(layout, "INBOX", [msg(layout.email, "Layout one", "First."), msg(layout.email, "Layout two", "Second.", 2)]);
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, layout);
  // The defaults first, in case a failed run left its choices (the next test puts them back otherwise).
  const defaults = { theme: "system", density: "comfortable", readingPane: "right", conversations: false, timeZone: "", dateFormat: "auto", undoSendSeconds: 5 };
  expect((await page.request.put("/api/settings", { data: defaults, headers: { origin: new URL(page.url()).origin } })).ok()).toBe(true);
  await page.reload();
  const row = () => page.getByRole("list", { name: "Message list" }).getByRole("listitem").first();
  await expect(row()).toBeVisible();
  const comfortable = (await row().boundingBox())!.height;
  await openSettings(page);

  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
  await page.getByRole("radio", { name: /^Compact/ }).check();
  await page.getByRole("radio", { name: /^Off/ }).check();
  await page.getByRole("checkbox", { name: /Conversations on by default/ }).check();
  await page.getByLabel("Undo send").selectOption("10");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  // Automatic's option is short enough for the closed select; what it does is said under it, while chosen.
  const explained = page.getByText("The time for today’s mail, the day and month this year, the full date before.");
  await page.getByLabel("Date format").selectOption("auto");
  await expect(explained).toBeVisible();
  await page.getByLabel("Date format").selectOption("ymd");
  await expect(explained).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/settings-1440-dark.png`, fullPage: true });

  // Another browser of the same account gets them from the server.
  const other = await newContext(browser);
  const page2 = await other.newPage();
  await signIn(page2, layout);
  const s = await (await page2.request.get("/api/settings")).json();
  expect(s).toMatchObject({ theme: "dark", density: "compact", readingPane: "off", conversations: true, undoSendSeconds: 10, timeZone: "Europe/Berlin", dateFormat: "ymd" });
  await expect(page2.locator("html")).toHaveClass(/\bdark\b/);
  // Compact rows are shorter; with the reading pane off the list takes the width and a message replaces it.
  await expect.poll(async () => (await page2.getByRole("list", { name: "Message list" }).getByRole("listitem").first().boundingBox())?.height).toBe(comfortable - 12);
  const list = page2.locator('[data-pane="list"]');
  await expect(list).toBeVisible();
  expect((await list.boundingBox())!.width).toBeGreaterThan(1000);
  await page2.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Layout two/ }).click();
  await expect(page2.getByRole("heading", { name: "Layout two" })).toBeVisible();
  await expect(list).toBeHidden();
  await page2.screenshot({ path: `${SHOTS}/mail-pane-off-1440-dark.png` });

  // Below: the message under the list on wide screens. Light theme back.
  await page.getByRole("radio", { name: /^Below the list/ }).check();
  await page.getByRole("radio", { name: "Light" }).check();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  await page.getByRole("radio", { name: /^Comfortable/ }).check();
  await page.getByRole("link", { name: "Back to mail" }).click();
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Layout one/ }).click();
  await expect(page.getByRole("heading", { name: "Layout one" })).toBeVisible();
  const listBox = (await page.locator('[data-pane="list"]').boundingBox())!;
  const paneBox = (await page.locator('[data-pane="message"]').boundingBox())!;
  expect(paneBox.y).toBeGreaterThanOrEqual(listBox.y + listBox.height - 1);
  await page.screenshot({ path: `${SHOTS}/mail-pane-below-1440-light.png` });
  await page.request.put("/api/settings", { data: { readingPane: "right", conversations: false, theme: "system" }, headers: { origin: new URL(page.url()).origin } });
  await context.close();
  await other.close();
});

test("a signed-in page arrives in the person's theme, density and reading pane, and Settings shows the stored values, before any script runs", async ({ browser }) => {
  await appendMessages(look, "INBOX", [msg(look.email, "Look one", "First.")]);
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, look);
  const origin = new URL(page.url()).origin;
  const stored = { theme: "dark", density: "compact", readingPane: "below", dateFormat: "ymd", undoSendSeconds: 20 };
  expect((await page.request.put("/api/settings", { data: stored, headers: { origin } })).ok()).toBe(true);

  try {
    // The server's HTML alone: a context with scripts off, holding the same session cookie.
    const bare = await browser.newContext({ javaScriptEnabled: false, colorScheme: "light", viewport: { width: 1440, height: 900 } });
    await bare.addCookies(await context.cookies());
    const html = await bare.newPage();
    await html.goto("/mail/INBOX");
    await expect(html.getByRole("list", { name: "Message list" }).getByText("Look one")).toBeVisible();
    await expect(html.locator("html")).toHaveClass(/\bdark\b/);
    await expect(html.locator("html")).toHaveAttribute("data-density", "compact");
    await expect(html.locator("html")).toHaveAttribute("data-reading-pane", "below");
    expect(await html.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    await html.goto("/settings");
    await expect(html.getByRole("radio", { name: "Dark" })).toBeChecked();
    await expect(html.getByRole("radio", { name: /^Compact/ })).toBeChecked();
    await expect(html.getByLabel("Date format")).toHaveValue("ymd");
    await expect(html.getByLabel("Undo send")).toHaveValue("20");
    // Signed out, the sign-in page is in the system's theme (it cannot know whose settings to use).
    await bare.clearCookies();
    await html.goto("/login");
    await expect(html.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect(html.locator("html")).not.toHaveAttribute("data-density", /./);
    await bare.close();

    // With scripts: a load of the mail page asks nothing of /api/settings (the page brought them), and
    // the theme is dark from the first DOM the page builds to the ready app.
    const asked: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/settings") asked.push(r.method());
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __classes: string[] }).__classes = seen;
      document.addEventListener("DOMContentLoaded", () => seen.push(document.documentElement.className));
      new MutationObserver(() => seen.push(document.documentElement.className)).observe(document, { attributes: true, subtree: true, attributeFilter: ["class"] });
    });
    await page.goto("/mail/INBOX");
    await mailReady(page);
    await expect(page.getByRole("list", { name: "Message list" }).getByText("Look one")).toBeVisible();
    const classes = await page.evaluate(() => (window as unknown as { __classes: string[] }).__classes.filter((c, i, all) => i === 0 || c !== all[i - 1]));
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(c).toMatch(/\bdark\b/);
    expect(asked).toEqual([]);
  } finally {
    await page.request.put("/api/settings", { data: { theme: "system", density: "comfortable", readingPane: "right", dateFormat: "auto", undoSendSeconds: 5 }, headers: { origin } });
    await context.close();
  }
});

test("Settings: the name colleagues see is set here and kept for the next sign-in in this browser", async ({ browser }) => {
  const context = await newContext(browser, { width: 390, dark: true });
  const page = await context.newPage();
  await signIn(page, named);
  await page.goto("/settings");
  const field = page.getByRole("textbox", { name: "Your name (shown to colleagues)" });
  await expect(field).toHaveValue("t306");
  const saveName = page.getByRole("button", { name: "Save name" });
  await expect(saveName).toBeDisabled(); // nothing changed yet, as "Save identities"
  await field.fill("Nora Named");
  await saveName.click();
  await expect(page.getByText("Your name is saved.")).toBeVisible();
  await expect(saveName).toBeDisabled();
  expect((await (await page.request.get("/api/auth/session")).json()).user.name).toBe("Nora Named");
  await page.screenshot({ path: `${SHOTS}/settings-390-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${SHOTS}/settings-390-light.png`, fullPage: true });
  await page.goto("/mail/INBOX");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Signing in again (with the page's script, which sends the name this browser remembers).
  await expect.poll(() => loginHydrated(page), { timeout: 20_000 }).toBe(true);
  await page.getByLabel("Email").fill(named.email);
  await page.getByLabel("Password").fill(named.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 20_000 });
  expect((await (await page.request.get("/api/auth/session")).json()).user.name).toBe("Nora Named");
  await context.close();
});

test("identities and signatures: the signature starts new messages and replies above the quote; another identity swaps name and signature", async ({ browser }) => {
  const subject = `Quarterly numbers ${Date.now()}`;
  await appendMessages(tess, "INBOX", [msg(tess.email, subject, "Can you check the numbers?")]);
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, tess);
  await openSettings(page);
  await page.getByLabel("From name", { exact: true }).first().fill("Tess Support");
  await page.getByLabel("Signature", { exact: true }).first().fill("Tess\nSupport desk");
  await page.getByRole("button", { name: "Add identity" }).click();
  await page.getByLabel("From name", { exact: true }).nth(1).fill("Tess Sales");
  await page.getByLabel("Signature", { exact: true }).nth(1).fill("Tess\nSales team");
  await page.getByRole("button", { name: "Save identities" }).click();
  await expect(page.getByText("Identities and signatures saved.")).toBeVisible();
  await expect(page.getByText(/Mail is sent from t303@example.test only/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/settings-identities-1440-light.png`, fullPage: true });
  await page.getByRole("link", { name: "Back to mail" }).click();

  // New message: the default signature, editable in the message.
  await page.getByRole("button", { name: "Compose" }).click();
  const composer = page.getByRole("dialog");
  const body = composer.getByRole("textbox", { name: "Message" });
  await expect(body).toContainText("Support desk");
  expect(await body.innerText()).toMatch(/^\s*--\s*Tess\s*Support desk\s*$/);
  await expect(composer.getByLabel("From", { exact: true })).toHaveValue(/.+/);
  await composer.getByLabel("From", { exact: true }).selectOption({ label: `Tess Sales <${tess.email}>` });
  await expect(body).toContainText("Sales team");
  await expect(body).not.toContainText("Support desk");
  const combo = composer.getByRole("combobox", { name: "To", exact: true });
  await combo.fill(tess.email);
  await combo.press("Enter");
  const sent = `From sales ${Date.now()}`;
  await composer.getByLabel("Subject").fill(sent);
  await body.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("Hello from sales.");
  await page.screenshot({ path: `${SHOTS}/compose-identity-1440-light.png` });
  await composer.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Message sent.")).toBeVisible({ timeout: 20_000 });
  const out = await fetchSent(tess, sent);
  expect(out.from?.value[0]).toMatchObject({ name: "Tess Sales", address: tess.email });
  expect(out.text).toMatch(/Hello from sales\.[\s\S]*--\s*Tess\s*Sales team/);
  expect(out.text).not.toContain("Support desk");

  // Reply: the signature sits above the quoted text.
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(body).toContainText("Can you check the numbers?");
  const text = (await body.innerText()).replace(/\s+/g, " ");
  expect(text.indexOf("Support desk")).toBeGreaterThan(-1);
  expect(text.indexOf("Support desk")).toBeLessThan(text.indexOf("Can you check the numbers?"));
  await context.close();
});

test("quota: a storage bar in the folder sidebar, and Free up space lists the largest messages and attachments, sortable, with delete", async ({ browser }) => {
  const big = (subject: string, kb: number, day: number) =>
    plainMessage({ from: { name: "Big Sender", address: "big@example.test" }, to: quota.email, subject, date: new Date(Date.UTC(2026, 10, day, 9)), text: "y".repeat(kb * 1024) });
  await appendMessages(quota, "INBOX", [big("Holiday video", 400, 3), big("Old scan", 200, 1), msg(quota.email, "Tiny note", "hi")]);
  for (const [width, dark] of [[1440, false], [390, true]] as const) {
    const context = await newContext(browser, { width, dark });
    const page = await context.newPage();
    await signIn(page, quota);
    if (width < 768) await page.getByRole("button", { name: /folders/i }).first().click();
    const meter = page.getByRole("meter", { name: "Storage" });
    await expect(meter).toBeVisible();
    await expect(meter).toHaveAttribute("aria-valuetext", /of 1 GB used/);
    await page.getByRole("button", { name: "Free up space" }).click();
    const dialog = page.getByRole("dialog", { name: "Free up space" });
    const rows = dialog.getByRole("list", { name: "Largest messages" }).getByRole("listitem");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("Holiday video");
    await expect(rows.nth(1)).toContainText("Old scan");
    await dialog.getByLabel("Sort by").selectOption("oldest");
    await expect(rows.nth(0)).toContainText("Old scan");
    await page.screenshot({ path: `${SHOTS}/free-up-space-${width}-${dark ? "dark" : "light"}.png` });
    if (width === 1440) {
      await dialog.getByRole("button", { name: "Attachments" }).click();
      await expect(dialog.getByText("No attachments over 100 KB.")).toBeVisible();
      await dialog.getByRole("button", { name: "Messages" }).click();
      await dialog.getByRole("button", { name: "Delete “Old scan”" }).click();
      await expect(dialog.getByText("Deleted “Old scan”.")).toBeVisible();
      await expect(rows).toHaveCount(1);
      const inTrash = await withImap(quota, async (c) => {
        const lock = await c.getMailboxLock("Trash");
        try {
          return (await c.search({ subject: "Old scan" }, { uid: true })) || [];
        } finally {
          lock.release();
        }
      });
      expect(inTrash.length).toBe(1);
    }
    await context.close();
  }
});

test("quota: the bar is hidden for a POP3 account (no IMAP QUOTA)", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, pop, { protocol: "POP3" });
  await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
  await expect(page.getByRole("meter", { name: "Storage" })).toHaveCount(0);
  await openSettings(page);
  await expect(page.getByRole("heading", { name: "Download and storage" })).toBeVisible();
  await context.close();
});
