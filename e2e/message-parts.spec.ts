import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import * as fx from "./fixtures/mime-parts";

// Issue 10, points 1–3: what a person sees of forwarded messages, inline parts and odd attachments.
const user = testUser(81);

test.beforeAll(async () => {
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    fx.forwardInline("Fwd: Quarterly numbers"),
    fx.forwardAttachment("Fwd: Lunch"),
    fx.nestedForwards(3, "Fwd: three deep"),
    fx.nestedForwards(7, "Fwd: seven deep"),
    fx.textHtmlText("Text then HTML then text"),
    fx.markdown("Markdown notes"),
    fx.enriched("Enriched news"),
    fx.oddAttachments("Odd attachments"),
    fx.bigWithCid("Big with cid image"),
  ]);
});

async function openMessage(page: Page, subject: string) {
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  return page.getByRole("region", { name: "Message", exact: true });
}

const frameText = async (page: Page, index: number) => (await page.locator("iframe").nth(index).contentFrame()).locator("body");

test("a message forwarded inline shows its header, body and own attachments, and downloads as .eml", async ({ page }) => {
  await signIn(page, user);
  const pane = await openMessage(page, "Fwd: Quarterly numbers");
  await expect(pane.getByText("See the message below.")).toBeVisible();
  const card = pane.getByRole("region", { name: "Forwarded message: Quarterly numbers — Q3" });
  await expect(card).toBeVisible();
  await expect(card.getByText("Ada Lovelace <ada@example.org>")).toBeVisible();
  await expect(card.getByText("Team <team@example.org>")).toBeVisible();
  await expect(card.getByText("Charles <charles@example.org>")).toBeVisible();
  await expect(card.getByText("The numbers are attached, Ada.")).toBeVisible();
  // The forwarded PDF is listed under the forwarded message only, not in the outer list.
  await expect(card.getByRole("link", { name: /Download q3-report\.pdf/ })).toBeVisible();
  await expect(pane.getByRole("link", { name: /Download q3-report\.pdf/ })).toHaveCount(1);
  const [pdf] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: /Download q3-report\.pdf/ }).click()]);
  expect(pdf.suggestedFilename()).toBe("q3-report.pdf");
  const [eml] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Download .eml" }).click()]);
  expect(eml.suggestedFilename()).toBe("Quarterly numbers — Q3.eml");
});

test("a message forwarded as an attachment is shown inline with its HTML body", async ({ page }) => {
  await signIn(page, user);
  const pane = await openMessage(page, "Fwd: Lunch");
  const card = pane.getByRole("region", { name: "Forwarded message: Lunch on Friday" });
  await expect(card.getByText("Bob <bob@example.net>")).toBeVisible();
  await expect((await card.locator("iframe").contentFrame()).getByText("Shall we have lunch on Friday?")).toBeVisible();
  const [eml] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Download .eml" }).click()]);
  expect(eml.suggestedFilename()).toBe("lunch.eml");
});

test("forwarded messages nest, and a deep chain stops at five with a note", async ({ page }) => {
  await signIn(page, user);
  let pane = await openMessage(page, "Fwd: three deep");
  for (const k of [1, 2, 3]) await expect(pane.getByRole("region", { name: `Forwarded message: Level ${k}` }).getByText(`Body at level ${k}`).first()).toBeVisible();
  pane = await openMessage(page, "Fwd: seven deep");
  await expect(pane.getByRole("region", { name: /^Forwarded message: Level/ })).toHaveCount(5);
  await expect(pane.getByText("…more forwarded messages not shown")).toBeVisible();
  await expect(pane.getByText("Body at level 5")).toBeVisible();
  await expect(pane.getByText("Body at level 6")).toHaveCount(0);
  await expect(pane.getByRole("link", { name: /Download Level 6\.eml/ })).toBeVisible();
});

test("text, HTML and text parts of multipart/mixed show in document order", async ({ page }) => {
  await signIn(page, user);
  const pane = await openMessage(page, "Text then HTML then text");
  const first = pane.getByText("First text part.");
  const last = pane.getByText("Footer text part: unsubscribe here.");
  await expect(first).toBeVisible();
  await expect(last).toBeVisible();
  await expect((await frameText(page, 0)).getByText("Middle HTML part.")).toBeVisible();
  const y = async (l: import("@playwright/test").Locator) => (await l.boundingBox())!.y;
  const frameY = await y(page.locator("iframe").first());
  expect(await y(first)).toBeLessThan(frameY);
  expect(frameY).toBeLessThan(await y(last));
});

test("text/markdown is rendered and text/enriched converted", async ({ page }) => {
  await signIn(page, user);
  await openMessage(page, "Markdown notes");
  const md = await frameText(page, 0);
  await expect(md.getByRole("heading", { name: "Release notes" })).toBeVisible();
  await expect(md.locator("strong")).toHaveText("item");
  await expect(md.getByText("<script>alert(1)</script>")).toBeVisible(); // raw HTML stays text
  await expect(page.getByRole("link", { name: /attachment-1\.bin/ })).toHaveCount(0);
  await openMessage(page, "Enriched news");
  await expect((await frameText(page, 0)).locator("b")).toHaveText("Important");
});

test("every odd attachment is listed, and images get a safe preview", async ({ page }) => {
  await signIn(page, user);
  const pane = await openMessage(page, "Odd attachments");
  for (const name of ["unreferenced.png", "only-name.dat", "attachment-3.gif", "photo.png"]) {
    await expect(pane.getByRole("link", { name: new RegExp(`Download ${name.replace(/\./g, "\\.")}`) })).toBeVisible();
  }
  const previews = pane.getByRole("list", { name: "Image previews" });
  const photo = previews.getByRole("img", { name: "photo.png" });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const res = await page.request.get((await photo.getAttribute("src"))!);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["content-security-policy"]).toContain("sandbox");
  // Not an image: no preview variant.
  const dat = (await pane.getByRole("link", { name: /Download only-name\.dat/ }).getAttribute("href"))!;
  expect((await page.request.get(`${dat}&preview=1`)).status()).toBe(404);
});

test("a cid: image shows in a message over the 4 MB whole-fetch limit", async ({ page }) => {
  await signIn(page, user);
  const pane = await openMessage(page, "Big with cid image");
  await expect(pane.getByRole("link", { name: /Download padding\.bin/ })).toBeVisible();
  const chart = (await frameText(page, 0)).getByRole("img", { name: "chart" });
  await expect(chart).toBeVisible();
  await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
});
