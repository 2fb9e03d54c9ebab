import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { bigMessage, brokenCalendar, calendarAlt, pdf, png, tnefOnly, winmail } from "./helpers/tnef-calendar-mail";

// Issue 10, points 4 and 5: Outlook's winmail.dat opened up, calendar invitations summarised.
const small = testUser(96);
const big = testUser(97);

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test.use({ timezoneId: "America/New_York", locale: "en-US" });

test.beforeAll(async () => {
  await resetMailbox(small);
  await resetMailbox(big);
  await appendMessages(small, "INBOX", [tnefOnly(small), calendarAlt(small), brokenCalendar(small)]);
  await appendMessages(big, "INBOX", [bigMessage(big)]);
});

const openMessage = async (page: Page, subject: string) => {
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
};

async function expectDownload(page: Page, name: string, content: Buffer) {
  const link = page.getByRole("link", { name: new RegExp(`^Download ${name.replace(/[.()]/g, "\\$&")}`) });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(name);
  expect(sha(readFileSync((await download.path())!))).toBe(sha(content));
}

test("a winmail.dat is opened up: its files listed and downloadable, its body shown, itself still listed", async ({ page }) => {
  await signIn(page, small);
  await openMessage(page, "Outlook minutes");
  const pane = page.getByRole("region", { name: "Message" });
  await expect(pane.getByText("Minutes from Tuesday\u2019s meeting are attached.")).toBeVisible();
  await expect(pane.getByRole("link", { name: /^Download winmail\.dat/ })).toBeVisible();
  await expect(pane.getByRole("link", { name: /^Download Quarterly report 2026\.pdf, application\/pdf/ })).toBeVisible();
  await expect(pane.getByRole("link", { name: /^Download chart\.png, image\/png/ })).toBeVisible();
  await expectDownload(page, "Quarterly report 2026.pdf", pdf);
  await expectDownload(page, "chart.png", png);
  await expectDownload(page, "winmail.dat", winmail);
});

test("an invitation gets a card with the time in the viewer's zone", async ({ page }) => {
  await signIn(page, small);
  await openMessage(page, "Lunch invitation");
  const card = page.getByRole("region", { name: "Team lunch" });
  await expect(card).toBeVisible();
  // 14:00 UTC is 9:00 AM in New York in December (EST).
  await expect(card.getByTestId("invite-when")).toHaveText(/Dec 10, 2026.*9:00\s*–\s*10:00\s*AM\s*EST/);
  await expect(card).toContainText("Canteen, level 2");
  await expect(card).toContainText("Priya Natarajan");
  await expect(card).toContainText("priya@example.test");
  await expect(card).toContainText("3 attendees");
  await expect(page.getByRole("region", { name: "Message", exact: true }).getByText("Join us for the team lunch.")).toBeVisible();
  await card.screenshot({ path: test.info().outputPath("invite-card-light.png") });
});

test("a malformed calendar opens normally, without a card", async ({ page }) => {
  await signIn(page, small);
  await openMessage(page, "Broken calendar");
  await expect(page.getByRole("region", { name: "Message", exact: true }).getByText("The calendar below is broken.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Download broken\.ics/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Broken" })).toHaveCount(0);
  await expect(page.getByText(/^Invitation$|^Event$/)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Message" }).getByRole("alert")).toHaveCount(0);
});

test("on a message over the whole-fetch limit, the invitation and the winmail.dat files still show", async ({ page }) => {
  await signIn(page, big);
  await openMessage(page, "Big offsite pack");
  await expect(page.getByRole("region", { name: "Offsite planning" }).getByTestId("invite-when")).toHaveText(/9:00\s*–\s*10:00\s*AM/);
  await expect(page.getByRole("region", { name: "Message", exact: true }).getByText("The offsite pack is attached.")).toBeVisible();
  await expectDownload(page, "Quarterly report 2026.pdf", pdf);
});

test.describe("on a phone, in the dark theme", () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });

  test("the invite card fits the column and is not a bright block", async ({ page }) => {
    await signIn(page, small);
    await openMessage(page, "Lunch invitation");
    const card = page.getByRole("region", { name: "Team lunch" });
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // A dark card: its background's luminance is low (computed colours may be oklch(), so measure a pixel).
    const shot = await card.screenshot({ path: test.info().outputPath("invite-card-390-dark.png") });
    expect(shot.length).toBeGreaterThan(0);
    const light = await card.evaluate((el) => {
      const probe = document.createElement("canvas").getContext("2d")!;
      probe.fillStyle = getComputedStyle(el).backgroundColor;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    });
    expect(light).toBeLessThan(0.3);
  });
});
