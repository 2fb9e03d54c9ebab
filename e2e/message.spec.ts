import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { attachmentMessage, htmlMessage, malformedMessage, plainMessage, SEED_EPOCH, tinyPdf } from "../scripts/seed-lib";

const user = testUser(3);
const from = { name: "Reader Test", address: "reader@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
// Deterministic binary content with every byte value, so any re-encoding would show.
const pdf = Buffer.concat([tinyPdf(["Quarterly numbers"]), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256))]);

test.beforeAll(async () => {
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    malformedMessage({ subject: "Broken MIME here" }),
    plainMessage({ from, to: user.email, subject: "Plain with links", date: at(1), text: "See https://example.com/docs?x=1, or write to mailto:help@example.com.\nNot a link: javascript:alert(1) and ftp://example.com/file\n" }),
    htmlMessage({ from, to: user.email, subject: "HTML newsletter", date: at(2), html: "<h1 style='color:#123'>Hello from HTML</h1><p>Paragraph <b>bold</b></p>" }),
    attachmentMessage({ from, to: user.email, subject: "Report attached", date: at(3), text: "The report is attached.", attachments: [{ filename: "Q3 report (final).pdf", contentType: "application/pdf", content: pdf }] }),
  ]);
});

const openMessage = async (page: import("@playwright/test").Page, subject: string) => {
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
};

test("a plain-text message opens with only http(s) and mailto links", async ({ page }) => {
  await signIn(page, user);
  await openMessage(page, "Plain with links");
  const pane = page.getByRole("region", { name: "Message" });
  await expect(pane.getByRole("link", { name: "https://example.com/docs?x=1" })).toHaveAttribute("href", "https://example.com/docs?x=1");
  await expect(pane.getByRole("link", { name: /mailto:help@example.com/ })).toBeVisible();
  await expect(pane.getByText(/javascript:alert\(1\)/)).toBeVisible();
  await expect(pane.locator('a[href^="javascript"], a[href^="ftp"]')).toHaveCount(0);
});

test("an HTML message renders in a sandboxed iframe", async ({ page }) => {
  await signIn(page, user);
  await openMessage(page, "HTML newsletter");
  const frame = page.locator("iframe").first();
  await expect(frame).toHaveAttribute("sandbox", /.*/);
  const sandbox = (await frame.getAttribute("sandbox")) ?? "";
  // Scripts only in an opaque origin, and only the body's nonce'd size script (see hostile.spec.ts).
  expect(sandbox.split(/\s+/).sort()).toEqual(["allow-popups", "allow-popups-to-escape-sandbox", "allow-scripts"]);
  expect(sandbox).not.toContain("allow-same-origin");
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Hello from HTML" })).toBeVisible();
});

test("an attachment is listed and downloads byte-identical", async ({ page }) => {
  await signIn(page, user);
  await openMessage(page, "Report attached");
  const link = page.getByRole("link", { name: /Download Q3 report \(final\)\.pdf/ });
  await expect(link).toBeVisible();
  await expect(link).toContainText("application/pdf");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("Q3 report (final).pdf");
  const got = readFileSync((await download.path())!);
  expect(createHash("sha256").update(got).digest("hex")).toBe(createHash("sha256").update(pdf).digest("hex"));
});

test("attachment responses are downloads that never render on our origin", async ({ page }) => {
  await signIn(page, user);
  const list = await (await page.request.get("/api/messages?folder=INBOX")).json();
  const uid = list.messages.find((m: { subject: string }) => m.subject === "Report attached").uid;
  const res = await page.request.get(`/api/messages/${uid}/attachments/2?folder=INBOX`);
  expect(res.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  const missing = await page.request.get(`/api/messages/${uid}/attachments/9?folder=INBOX`);
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ code: "NOT_FOUND" });
});

test("a malformed message still opens", async ({ page }) => {
  await signIn(page, user);
  await openMessage(page, "Broken MIME here");
  await expect(page.getByRole("region", { name: "Message" }).getByRole("alert")).toHaveCount(0);
});

test("a message deleted by someone else shows that, not an error page", async ({ page }) => {
  await signIn(page, user);
  // Another client deletes a message this one could have opened (a UID that never existed says so instead: shell.spec).
  const [uid] = await appendMessages(user, "INBOX", [plainMessage({ from, to: user.email, subject: "Gone soon", date: at(9), text: "Soon gone." })]);
  await withImap(user, async (c) => {
    const lock = await c.getMailboxLock("INBOX");
    try {
      await c.messageDelete(String(uid), { uid: true });
    } finally {
      lock.release();
    }
  });
  const res = await page.request.get(`/api/messages/${uid}?folder=INBOX`);
  expect(res.status()).toBe(404);
  expect(await res.json()).toMatchObject({ code: "MESSAGE_GONE", message: expect.stringMatching(/moved or deleted by someone else/) });
  await page.goto(`/mail/INBOX?m=${uid}`);
  await expect(page.getByText(/moved or deleted by someone else/)).toBeVisible();
});
