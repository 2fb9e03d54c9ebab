import { mkdirSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { signIn } from "./helpers/session";
import { bigForward } from "./fixtures/big-parts";
import { DECOY_NAME_WARNING, SEVERAL_FROM_WARNING } from "../lib/shared/sender-check";

// Issue 10's last gaps, through what a person sees: a message over 4 MB (IMAP and POP3) shows all its parts and
// forwarded messages, whose attachments download; a lying sender is marked in the list; POP3 warns about several
// From headers; the logo keeps its size at every width.
const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const pane = (page: Page) => page.getByRole("region", { name: "Message", exact: true });

async function seenText(p: Locator): Promise<string> {
  const parts = [await p.innerText()];
  const frames = p.locator("iframe");
  for (let i = 0, n = await frames.count(); i < n; i++) parts.push(await (await frames.nth(i).contentFrame()).locator("body").innerText().catch(() => ""));
  return parts.join("\n").replace(/\s+/g, " ");
}

async function checkBig(page: Page, subject: string) {
  await list(page).getByRole("button", { name: new RegExp(subject) }).click();
  const p = pane(page);
  await expect(p.getByRole("heading", { level: 2, name: subject })).toBeVisible({ timeout: 20_000 });
  for (const text of ["Outer new text first.", "Middle HTML part.", "Footer in Latin-1: café crème.", "Réunion à Genève", "José Müller", "Inner forwarded body text.", "Encoded forward body text."]) {
    await expect.poll(() => seenText(p), { message: text, timeout: 10_000 }).toContain(text);
  }
  for (const [name, content] of [["inner-notes.txt", "inner attachment content"], ["encoded-inner.pdf", "%PDF-1.4 encoded inner"], ["Résumé détaillé.pdf", "%PDF-1.4 latin name"]]) {
    const link = p.getByRole("link", { name: new RegExp(`^Download ${name.replace(/\./g, "\\.")},`) }).first();
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    const path = await download.path();
    expect((await import("node:fs")).readFileSync(path).toString("latin1")).toBe(Buffer.from(content).toString("latin1"));
  }
  await expect(p.getByRole("link", { name: /^Download padding\.bin, .*4(\.\d)? MB/ })).toBeVisible();
  const shots = process.env.CORPUS_SCREENSHOTS;
  if (shots) await page.screenshot({ path: `${shots}/${subject.replace(/\W+/g, "-")}.png`, fullPage: true });
}

test("a message over 4 MB shows every part and its forwarded messages, over IMAP", async ({ page }) => {
  test.setTimeout(90_000);
  const user = testUser(228);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [bigForward("Big chain over IMAP")]);
  await signIn(page, user);
  await checkBig(page, "Big chain over IMAP");
});

test("a message over 4 MB shows every part and its forwarded messages, over POP3", async ({ page }) => {
  test.setTimeout(90_000);
  const user = testUser(229);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [bigForward("Big chain over POP3")]);
  await signIn(page, user, { protocol: "POP3" });
  await checkBig(page, "Big chain over POP3");
});

const liar = (subject: string, from: string[]) =>
  Buffer.from([...from.map((f) => `From: ${f}`), "To: reader@example.test", `Subject: ${subject}`, "Date: Tue, 01 Dec 2026 10:00:00 +0000", `Message-ID: <${subject.replace(/\W/g, "")}@x>`, "", "Please pay.", ""].join("\r\n"));

test("list rows mark a lying sender with a named warning; POP3 shows several From headers too", async ({ page, browser }) => {
  const user = testUser(230);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    liar("Decoy name", ['"support@bank.example" <crook@evil.example>']),
    liar("Two senders", ["Bank <bank@bank.example>", "Crook <crook@evil.example>"]),
    liar("Honest sender", ["Bank <bank@bank.example>"]),
  ]);
  await signIn(page, user);
  const row = (s: string) => list(page).getByRole("button", { name: new RegExp(s) });
  await expect(row("Decoy name")).toHaveAccessibleName(new RegExp(`sender warning: ${DECOY_NAME_WARNING}`));
  await expect(row("Two senders")).toHaveAccessibleName(/sender warning: This message has several From headers/);
  await expect(row("Honest sender")).not.toHaveAccessibleName(/sender warning/);
  await expect(list(page).locator("[data-sender-warning]")).toHaveCount(2);
  await expect(list(page).locator("[data-sender-warning]").first()).toBeVisible();
  const shots = process.env.CORPUS_SCREENSHOTS;
  if (shots) await list(page).screenshot({ path: `${shots}/row-warnings.png` });

  const ctx = await browser.newContext();
  const pop = await ctx.newPage();
  await signIn(pop, user, { protocol: "POP3" });
  await expect(list(pop).getByRole("button", { name: /Two senders/ })).toHaveAccessibleName(/sender warning: This message has several From headers/, { timeout: 20_000 });
  await list(pop).getByRole("button", { name: /Two senders/ }).click();
  await expect(pane(pop).getByText(SEVERAL_FROM_WARNING)).toBeVisible();
  await expect(pane(pop).getByText("crook@evil.example")).toBeVisible();
  await ctx.close();
});

test("the logo keeps its size at 390, 1024 and 1440 px, light and dark", async ({ browser }) => {
  const user = testUser(231);
  const dir = process.env.CORPUS_SCREENSHOTS;
  if (dir) mkdirSync(dir, { recursive: true });
  for (const width of [390, 1024, 1440]) {
    for (const colorScheme of ["light", "dark"] as const) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await ctx.newPage();
      await signIn(page, user);
      const logo = page.locator("header svg").first();
      await expect(logo).toBeVisible();
      const box = await logo.boundingBox();
      expect(box?.width, `logo width at ${width}`).toBeGreaterThanOrEqual(27);
      expect(box?.height, `logo height at ${width}`).toBeGreaterThanOrEqual(27);
      if (dir) await page.locator("header").screenshot({ path: `${dir}/header-${width}-${colorScheme}.png` });
      await ctx.close();
    }
  }
});
