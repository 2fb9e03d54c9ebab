import { expect, test, type Page } from "@playwright/test";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { signIn } from "./helpers/session";

// Issue 10, points 6–8: raw 8-bit headers, odd body charsets, attachment names and senders, as a person sees them.
const latin1 = (s: string) => Buffer.from(s.replace(/\r?\n/g, "\r\n"), "latin1");
const utf8 = (s: string) => Buffer.from(s.replace(/\r?\n/g, "\r\n"), "utf8");
const DATE = "Date: Tue, 01 Dec 2026 09:00:00 +0000";

function latinMessage(n: number): Buffer {
  return latin1(`From: José Müller <jose@example.test>
To: Zoë <zoe@example.test>
Subject: Réunion à Genève ${n}
${DATE}
Message-ID: <latin-${n}@encodings.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

Crème brûlée pour tout le monde.
`);
}

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const pane = (page: Page) => page.getByRole("region", { name: "Message", exact: true });

async function open(page: Page, subject: string | RegExp) {
  await list(page).getByRole("button", { name: subject }).first().click();
  await expect(pane(page).getByRole("heading", { level: 2 })).toContainText(subject);
}

test("raw 8-bit Latin-1 headers show their accents in the list and the pane; an unknown body charset is read and named", async ({ page }) => {
  const user = testUser(86);
  await resetMailbox(user);
  const unknown = Buffer.concat([
    latin1(`From: Old System <old@example.test>
Subject: Unknown charset
${DATE}
MIME-Version: 1.0
Content-Type: text/plain; charset="latin-1x"
Content-Transfer-Encoding: 8bit

`),
    Buffer.from("Cr\xe8me br\xfbl\xe9e \x93quoted\x94\r\n", "latin1"),
  ]);
  const metaOnly = latin1(`From: Web Shop <shop@example.test>
Subject: Meta charset only
${DATE}
MIME-Version: 1.0
Content-Type: text/html
Content-Transfer-Encoding: 8bit

<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Déjà vu à Noël</p></body></html>
`);
  await appendMessages(user, "INBOX", [latinMessage(1), unknown, metaOnly]);
  await signIn(page, user);

  const row = list(page).getByRole("button", { name: /Réunion à Genève 1/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText("José Müller");
  await expect(list(page)).not.toContainText("\ufffd");

  await open(page, "Réunion à Genève 1");
  await expect(pane(page)).toContainText("José Müller <jose@example.test>");
  await expect(pane(page)).toContainText("Zoë");
  await expect(pane(page)).toContainText("Crème brûlée pour tout le monde.");

  await open(page, "Unknown charset");
  await expect(pane(page)).toContainText("Crème brûlée “quoted”");
  await expect(pane(page)).toContainText("Shown as windows-1252; the message named an unknown charset 'latin-1x'.");

  await open(page, "Meta charset only");
  await expect(page.frameLocator("iframe").getByText("Déjà vu à Noël")).toBeVisible();
});

test("an attachment named with a bidi override is shown cleaned, called a program, and downloads under the cleaned name", async ({ page }) => {
  const user = testUser(87);
  await resetMailbox(user);
  const msg = utf8(`From: Friend <friend@example.test>
Subject: Holiday photo
${DATE}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="zz"

--zz
Content-Type: text/plain; charset=utf-8

See the photo.
--zz
Content-Type: application/octet-stream; name*=utf-8''photo%E2%80%AEgpj.exe
Content-Disposition: attachment; filename*=utf-8''photo%E2%80%AEgpj.exe
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
--zz
Content-Type: text/plain; name="x"
Content-Disposition: attachment; filename="..\\\\..\\\\Windows\\\\notes.txt"

notes
--zz--
`);
  await appendMessages(user, "INBOX", [msg]);
  await signIn(page, user);
  await open(page, "Holiday photo");

  const link = pane(page).getByRole("link", { name: /^Download photogpj\.exe,/ });
  await expect(link).toBeVisible();
  await expect(link).toContainText("Program file (.exe)");
  await expect(pane(page)).not.toContainText("\u202e");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("photogpj.exe");

  const notes = pane(page).getByRole("link", { name: /^Download notes\.txt,/ });
  const [second] = await Promise.all([page.waitForEvent("download"), notes.click()]);
  expect(second.suggestedFilename()).toBe("notes.txt");
});

test("senders that cannot lie: decoy display names, several From headers and mixed-script domains are called out", async ({ page }) => {
  const user = testUser(88);
  await resetMailbox(user);
  const decoy = utf8(`From: "support@paypal.com" <x@evil.example>
Subject: Decoy sender
${DATE}
Content-Type: text/plain

Please log in.
`);
  const twoFrom = utf8(`From: Bank <service@bank.example>
From: thief@evil.example
Subject: Two senders
${DATE}
Content-Type: text/plain

Hello.
`);
  const idn = utf8(`From: PayPal <service@xn--pypal-4ve.com>
Subject: Look-alike domain
${DATE}
Content-Type: text/plain

Hi.
`);
  await appendMessages(user, "INBOX", [decoy, twoFrom, idn]);
  await signIn(page, user);

  // The list row names the real address too, as the sender's title.
  await expect(list(page).getByTitle("support@paypal.com <x@evil.example>")).toBeVisible();

  await open(page, "Decoy sender");
  await expect(pane(page)).toContainText("support@paypal.com <x@evil.example>");
  await expect(pane(page).getByRole("note").filter({ hasText: "The name shows a different address than the one this was sent from" })).toBeVisible();

  await open(page, "Two senders");
  await expect(pane(page)).toContainText("Bank <service@bank.example>");
  await expect(pane(page)).toContainText("thief@evil.example");
  await expect(pane(page).getByRole("note").filter({ hasText: "several From headers" })).toBeVisible();

  await open(page, "Look-alike domain");
  await expect(pane(page)).toContainText("PayPal <service@p\u0430ypal.com> (service@xn--pypal-4ve.com)");
  await expect(pane(page).getByRole("note").filter({ hasText: "mixes alphabets" })).toBeVisible();
});

test("POP3: raw 8-bit Latin-1 headers keep their accents in the cached list", async ({ page }) => {
  const user = testUser(89);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [latinMessage(2)]);
  await signIn(page, user, { protocol: "POP3" });
  const row = list(page).getByRole("button", { name: /Réunion à Genève 2/ });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("José Müller");
  await open(page, "Réunion à Genève 2");
  await expect(pane(page)).toContainText("José Müller <jose@example.test>");
  await expect(pane(page)).toContainText("Crème brûlée pour tout le monde.");
});
