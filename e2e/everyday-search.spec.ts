import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { mailReady, signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { attachmentMessage, htmlMessage, plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

// Issue 12 points 12–14: search (operators, all folders, highlights, recent searches) and the composer
// (suggestions, invalid chips, link popover, minimise, discard, docked reply). Users t290–t295 only.
const searcher = testUser(290);
const writer = testUser(291);
const editor = testUser(292);
const replier = testUser(293);
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const shots = process.env.SEARCH_SHOTS ?? "/tmp/shots-search";

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const box = (page: Page) => page.getByRole("searchbox", { name: "Search mail" });
const composer = (page: Page) => page.locator("section[role=dialog]");

async function search(page: Page, text: string) {
  await box(page).fill(text);
  await box(page).press("Enter");
}

async function shoot(page: Page, name: string, prepare: () => Promise<void>) {
  mkdirSync(shots, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [390, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await prepare();
      await page.screenshot({ path: `${shots}/${name}-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.beforeAll(async () => {
  await resetMailbox(searcher);
  await withImap(searcher, async (c) => {
    await c.mailboxCreate("Projects").catch(() => {});
  });
  await appendMessages(searcher, "INBOX", [
    plainMessage({ from: { name: "Carol Chen", address: "carol@example.test" }, to: searcher.email, subject: "Budget review", date: at(1), text: "The weekly report on the budget is late." }),
    plainMessage({ from: { name: "Bob Stone", address: "bob@example.test" }, to: "erin@example.test", subject: "Lunch friday", date: at(2), text: "Pizza for everyone." }),
  ]);
  await appendMessages(searcher, "INBOX", [
    attachmentMessage({ from: { name: "Carol Chen", address: "carol@example.test" }, to: searcher.email, subject: "Slides for Monday", date: at(3), text: "See attached.", attachments: [{ filename: "slides.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.4 x") }] }),
  ], ["\\Seen"]);
  await appendMessages(searcher, "Projects", [
    htmlMessage({ from: { name: "Dana Diaz", address: "dana@example.test" }, to: searcher.email, subject: "Budget for Q4", date: at(4), html: "<p>The <b>budget</b> for the fourth quarter, <a href=\"https://example.test/budget\">details</a>.</p>" }),
  ]);
  for (const u of [writer, editor, replier]) await resetMailbox(u);
  await appendMessages(writer, "INBOX", [plainMessage({ from: { name: "Carol Chen", address: "carol@example.test" }, to: writer.email, subject: "Hello", date: at(1), text: "Hi" })]);
  await appendMessages(replier, "INBOX", [plainMessage({ from: { name: "Carol Chen", address: "carol@example.test" }, to: replier.email, subject: "Question about the plan", date: at(1), text: "Can you check the plan?\n\nCarol" })]);
});

test("search operators in this folder, words marked in rows and in text and HTML bodies", async ({ page }) => {
  await signIn(page, searcher);
  await expect(list(page).getByRole("button")).not.toHaveCount(0);

  await search(page, "from:carol has:attachment");
  await expect(list(page).getByRole("button", { name: /Slides for Monday/ })).toBeVisible();
  await expect(list(page).getByRole("button", { name: /Budget review|Lunch friday/ })).toHaveCount(0);

  await search(page, "to:erin is:unread");
  await expect(list(page).getByRole("button", { name: /Lunch friday/ })).toBeVisible();
  await expect(list(page).getByRole("button", { name: /Budget review|Slides/ })).toHaveCount(0);

  await search(page, '"weekly report" before:2030-01-01');
  await expect(list(page).getByRole("button", { name: /Budget review/ })).toBeVisible();
  await expect(list(page).getByRole("button")).toHaveCount(1);

  // Marks in the row and in the opened text body.
  await search(page, "budget");
  const row = list(page).getByRole("button", { name: /Budget review/ });
  // The subject's match, and the body's in the snippet ("The weekly report on the budget is late.").
  await expect(row.locator("mark")).toHaveText(["Budget", "budget"]);
  await expect(row.locator("[data-snippet] mark")).toHaveText("budget");
  await row.click();
  const pane = page.getByRole("region", { name: "Message" }).or(page.locator("section[aria-label=Message]")).first();
  await expect(pane.locator("mark", { hasText: "budget" }).first()).toBeVisible();
});

test("all folders: results grouped by folder, opened in place, with HTML marks inside the sandbox; recent searches come back", async ({ page }) => {
  await signIn(page, searcher);
  // A search of this folder that finds nothing offers the next place to look.
  await search(page, "quarter");
  await expect(page.getByText("No messages match “quarter”")).toBeVisible();
  await page.getByRole("button", { name: "Search all folders" }).click();
  await expect(page).toHaveURL(/\/mail\/INBOX\?.*scope=all/);
  await expect(page.getByTestId("all-folders-results").getByRole("button", { name: /Budget for Q4/ })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Search where" })).toHaveValue("all");
  await page.goto("/mail/INBOX");
  await mailReady(page);
  await page.getByRole("combobox", { name: "Search where" }).selectOption("all");
  await search(page, "budget");
  const results = page.getByTestId("all-folders-results");
  await expect(results.getByRole("heading", { name: /Inbox/ })).toBeVisible();
  await expect(results.getByRole("heading", { name: /Projects/ })).toBeVisible();
  await expect(results.getByRole("list", { name: "Matches in Projects" }).getByRole("button", { name: /Budget for Q4/ })).toBeVisible();
  await expect(results.getByRole("status")).toHaveText(/2 matches in 2 folders/);
  // A result row reads like the list's own: the unread one has its dot and says so.
  const q4 = results.getByRole("button", { name: /Budget for Q4/ });
  await expect(q4).toHaveAccessibleName(/, unread,/);
  await expect(q4.locator(".mr-dot")).toHaveCount(1);
  // No checkboxes, so no "select all" (it ticked the folder's own rows behind the results); no folder is "the one shown".
  await expect(page.getByRole("checkbox", { name: "Select all loaded" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Folders" }).locator("[aria-current=page]")).toHaveCount(0);

  await results.getByRole("button", { name: /Budget for Q4/ }).click();
  // Opened in place: the results stay, the message opens beside them from its own folder.
  await expect(page).toHaveURL(/\/mail\/Projects\?.*scope=all.*m=\d+/);
  await expect(results.getByRole("heading", { name: /Inbox/ })).toBeVisible();
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  await expect(frame.locator("mark")).toHaveText(["budget"]);
  // The mark is text only: the link keeps its address, and the frame got no script of ours but the size reporter.
  await expect(frame.locator("a")).toHaveAttribute("href", "https://example.test/budget");

  await shoot(page, "all-folders", async () => {
    await page.goto("/mail/INBOX?q=budget&scope=all");
    await expect(page.getByTestId("all-folders-results").getByRole("heading", { name: /Projects/ })).toBeVisible();
  });

  // Recent searches are kept by the server: a fresh page offers them.
  await page.goto("/mail/INBOX");
  await box(page).click();
  const recent = page.getByRole("listbox", { name: "Recent searches" });
  await expect(recent.getByRole("option", { name: "budget" })).toBeVisible();
  await box(page).press("ArrowDown");
  await box(page).press("Enter");
  await expect(list(page).getByRole("button", { name: /Budget review/ })).toBeVisible();
  await shoot(page, "recent-searches", async () => {
    await page.goto("/mail/INBOX");
    await box(page).click();
    await expect(page.getByRole("listbox", { name: "Recent searches" })).toBeVisible();
  });
});

test("Enter takes the highlighted suggestion; an invalid recipient stays as a marked chip in the saved draft and blocks sending in words", async ({ page }) => {
  await signIn(page, writer);
  await page.getByRole("button", { name: "Compose" }).click();
  const to = composer(page).getByRole("combobox", { name: "To", exact: true });
  await to.fill("car");
  await expect(composer(page).getByRole("option", { name: /Carol Chen/ })).toHaveAttribute("aria-selected", "true");
  await to.press("Enter");
  await expect(composer(page).getByText("Carol Chen <carol@example.test>")).toBeVisible();

  await to.fill("notanaddress");
  await to.press("Tab");
  await expect(composer(page).locator("[data-invalid=true]", { hasText: "notanaddress" })).toBeVisible();
  await composer(page).getByLabel("Subject").fill("Invalid chip kept");
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(composer(page).getByRole("alert")).toHaveText(/Not sent: this address is not valid: “notanaddress”/);
  await expect(composer(page).getByTestId("save-state")).toHaveText("Saved", { timeout: 15_000 });
  await composer(page).getByRole("button", { name: "Close and keep as draft" }).click();

  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Drafts/ }).click();
  await list(page).getByRole("button", { name: /Invalid chip kept/ }).first().click();
  await expect(composer(page).locator("[data-invalid=true]", { hasText: "notanaddress" })).toBeVisible();
  await expect(composer(page).getByText("Carol Chen <carol@example.test>")).toBeVisible();
});

test("link popover instead of prompt(), Escape minimises, expand, discard asks first", async ({ page }) => {
  page.on("dialog", (d) => {
    throw new Error(`a browser dialog opened: ${d.type()} ${d.message()}`);
  });
  await signIn(page, editor);
  await page.getByRole("button", { name: "Compose" }).click();
  await composer(page).getByLabel("Subject").fill("Link test");
  const body = composer(page).getByRole("textbox", { name: "Message" });
  await body.click();
  await page.keyboard.type("Read the docs");
  await page.keyboard.press("Control+a");
  await composer(page).getByRole("button", { name: "Link" }).click();
  const pop = composer(page).getByRole("dialog", { name: "Add link" });
  await pop.getByLabel("Link address").fill("javascript:alert(1)");
  await pop.getByLabel("Link address").press("Enter");
  await expect(pop.getByText(/Enter a web address/)).toBeVisible();
  await pop.getByLabel("Link address").fill("example.com/docs");
  await shoot(page, "link-popover", async () => {
    await expect(composer(page).getByRole("dialog", { name: "Add link" })).toBeVisible();
  });
  await pop.getByLabel("Link address").press("Enter");
  await expect(body.locator("a")).toHaveAttribute("href", "https://example.com/docs");
  await expect(pop).toHaveCount(0);

  // Escape in the popover closes only it; in the composer it minimises.
  await body.click();
  await page.keyboard.press("Escape");
  await expect(composer(page)).toHaveAttribute("data-minimised", "true");
  await expect(body).toBeHidden();
  await shoot(page, "minimised", async () => {
    await expect(composer(page).getByRole("button", { name: "Expand Link test" })).toBeVisible();
  });
  await composer(page).getByRole("button", { name: /^Expand/ }).click();
  await expect(body).toBeVisible();
  await expect(body).toContainText("Read the docs");
  await composer(page).getByRole("button", { name: "Minimise" }).click();
  await expect(composer(page)).toHaveAttribute("data-minimised", "true");
  await composer(page).getByRole("button", { name: /^Expand/ }).click();

  await composer(page).getByRole("button", { name: "Discard" }).click();
  const confirm = composer(page).getByRole("alertdialog", { name: "Discard this message?" });
  await expect(confirm).toBeVisible();
  // It says what goes: the saved draft, or (before the first save) what was written. Which one depends on
  // the autosave's timing here; e2e/compose.spec.ts checks a reopened draft's words exactly.
  await expect(confirm).toHaveAccessibleDescription(/^Discard this message\? (Its saved draft is deleted from Drafts|What you wrote is not kept)\.$/);
  await confirm.getByRole("button", { name: "Keep editing" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(body).toContainText("Read the docs");
  await composer(page).getByRole("button", { name: "Discard" }).click();
  await confirm.getByRole("button", { name: "Discard" }).click();
  await expect(composer(page)).toHaveCount(0);
});

test("on wide screens a reply opens docked under its message; on phones it floats", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, replier);
  await list(page).getByRole("button", { name: /Question about the plan/ }).click();
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  const docked = page.locator("#reply-dock section[role=dialog]");
  await expect(docked).toBeVisible();
  await expect(docked).toHaveAttribute("data-docked", "true");
  // Under the message: the dock comes after the body in the reading pane.
  const bodyBox = await page.locator("section[aria-label=Message]").getByText("Can you check the plan?").first().boundingBox();
  const dockBox = await docked.boundingBox();
  expect(dockBox!.y).toBeGreaterThan(bodyBox!.y);
  await shoot(page, "docked-reply", async () => {
    await expect(composer(page)).toBeVisible();
  });
  await page.setViewportSize({ width: 390, height: 900 });
  await expect(page.locator("#reply-dock section[role=dialog]")).toHaveCount(0);
  await expect(composer(page)).toBeVisible();
  await composer(page).getByRole("button", { name: "Close and keep as draft" }).click();
});
