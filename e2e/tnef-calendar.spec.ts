import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { writeTnef } from "./helpers/tnef-writer";

// Issue 10, points 4 and 5: Outlook's winmail.dat opened up, calendar invitations summarised.
const small = testUser(96);
const big = testUser(97);

// Every byte value, so a re-encoding anywhere would show in the hash.
const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 13) % 256))]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 500 }, (_, i) => i % 256)]);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const b64 = (b: Buffer) => b.toString("base64").replace(/.{76}/g, "$&\r\n");

const winmail = writeTnef({
  files: [
    { title: "QUARTE~1.PDF", longName: "Quarterly report 2026.pdf", data: pdf },
    { title: "chart.png", data: png },
  ],
  rtf: "{\\rtf1\\ansi{\\fonttbl{\\f0 Calibri;}}\\f0 Minutes from Tuesday\\rquote s meeting are attached.\\par Regards, Dana\\par}",
});

const invite = (summary: string) =>
  [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mailroom tests//EN", "METHOD:REQUEST", "BEGIN:VEVENT", `UID:${summary.replace(/\W/g, "")}@example.test`,
    "DTSTAMP:20261201T080000Z", "DTSTART:20261210T140000Z", "DTEND:20261210T150000Z", `SUMMARY:${summary}`, "LOCATION:Canteen\\, level 2",
    "ORGANIZER;CN=Priya Natarajan:mailto:priya@example.test", "ATTENDEE;CN=Tom:mailto:tom@example.test", "ATTENDEE:mailto:ana@example.test",
    "ATTENDEE:mailto:lee@example.test", "END:VEVENT", "END:VCALENDAR", "",
  ].join("\r\n");

const head = (user: { email: string }, subject: string, boundary: string, type = "multipart/mixed") =>
  `From: Dana Office <dana.office@example.test>\r\nTo: ${user.email}\r\nSubject: ${subject}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: ${type}; boundary="${boundary}"\r\n\r\n`;
const tnefPart = `Content-Type: application/ms-tnef; name="winmail.dat"\r\nContent-Disposition: attachment; filename="winmail.dat"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(winmail)}\r\n`;

const tnefOnly = head(small, "Outlook minutes", "t") + `--t\r\n${tnefPart}--t--\r\n`;
const calendarAlt =
  head(small, "Lunch invitation", "a", "multipart/alternative") +
  `--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJoin us for the team lunch.\r\n` +
  `--a\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n${invite("Team lunch")}--a--\r\n`;
const brokenCalendar =
  head(small, "Broken calendar", "c") +
  `--c\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe calendar below is broken.\r\n` +
  `--c\r\nContent-Type: text/calendar; charset=utf-8\r\nContent-Disposition: attachment; filename="broken.ics"\r\n\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026-99-99\r\nSUMMARY:Broken\r\n--c--\r\n`;
// Over the 4 MB whole-fetch limit: the calendar and winmail.dat parts are fetched by part number.
const padding = Buffer.from(Array.from({ length: 4_600_000 }, (_, i) => (i * 31 + 7) % 256));
const bigMessage =
  head(big, "Big offsite pack", "g") +
  `--g\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe offsite pack is attached.\r\n` +
  `--g\r\nContent-Type: application/octet-stream; name="venue.bin"\r\nContent-Disposition: attachment; filename="venue.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(padding)}\r\n` +
  `--g\r\n${tnefPart}` +
  `--g\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\nContent-Disposition: attachment; filename="offsite.ics"\r\n\r\n${invite("Offsite planning")}--g--\r\n`;

test.use({ timezoneId: "America/New_York", locale: "en-US" });

test.beforeAll(async () => {
  await resetMailbox(small);
  await resetMailbox(big);
  await appendMessages(small, "INBOX", [tnefOnly, calendarAlt, brokenCalendar]);
  await appendMessages(big, "INBOX", [bigMessage]);
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
  await expect(page.getByText("Join us for the team lunch.")).toBeVisible();
});

test("a malformed calendar opens normally, without a card", async ({ page }) => {
  await signIn(page, small);
  await openMessage(page, "Broken calendar");
  await expect(page.getByText("The calendar below is broken.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Download broken\.ics/ })).toBeVisible();
  await expect(page.getByText(/^Invitation$|^Event$/)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Message" }).getByRole("alert")).toHaveCount(0);
});

test("on a message over the whole-fetch limit, the invitation and the winmail.dat files still show", async ({ page }) => {
  await signIn(page, big);
  await openMessage(page, "Big offsite pack");
  await expect(page.getByRole("region", { name: "Offsite planning" }).getByTestId("invite-when")).toHaveText(/9:00\s*–\s*10:00\s*AM/);
  await expect(page.getByText("The offsite pack is attached.")).toBeVisible();
  await expectDownload(page, "Quarterly report 2026.pdf", pdf);
});
