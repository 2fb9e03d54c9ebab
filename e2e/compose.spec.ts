import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { mailReady, signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, testUser, withImap } from "./helpers/imap";

// Compose and send through the real Postfix (SASL as the user) into the real Dovecot. Users t21–t25 only.
const alice = testUser(21);
const bob = testUser(22);
const carol = testUser(23);
const dave = testUser(24);
const erin = testUser(25);
const smtpDownApp = `http://127.0.0.1:${Number(process.env.APP_PORT ?? 3100) + 2}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  for (const u of [alice, bob, carol, dave, erin]) await resetMailbox(u);
});

/** The raw source of the first message in `folder` whose subject matches, polling until it arrives. */
async function waitForMessage(user: { email: string; password: string }, folder: string, subject: string, timeoutMs = 20_000): Promise<{ uid: number; source: Buffer; flags: Set<string> }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = await withImap(user, async (c) => {
      const lock = await c.getMailboxLock(folder);
      try {
        if (!c.mailbox || c.mailbox.exists === 0) return null;
        for await (const m of c.fetch("1:*", { uid: true, envelope: true, source: true, flags: true })) {
          if (m.envelope?.subject === subject) return { uid: m.uid, source: m.source!, flags: m.flags ?? new Set<string>() };
        }
        return null;
      } finally {
        lock.release();
      }
    });
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`"${subject}" did not arrive in ${user.email} ${folder}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function hasSubject(user: { email: string; password: string }, folder: string, subject: string): Promise<boolean> {
  return withImap(user, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      if (!c.mailbox || c.mailbox.exists === 0) return false;
      for await (const m of c.fetch("1:*", { envelope: true })) if (m.envelope?.subject === subject) return true;
      return false;
    } finally {
      lock.release();
    }
  });
}

const composer = (page: Page) => page.getByRole("dialog");
const headerBlock = (raw: Buffer) => raw.toString("utf8").split(/\r?\n\r?\n/)[0]!;

async function addRecipient(page: Page, label: "To" | "Cc" | "Bcc", address: string) {
  const field = composer(page).getByRole("combobox", { name: label, exact: true });
  await field.fill(address);
  await field.press("Enter");
}

async function typeBody(page: Page, text: string) {
  const body = composer(page).getByRole("textbox", { name: "Message" });
  await body.click();
  // Replies and forwards start with an empty line above the quote: type there.
  await page.keyboard.press("Control+Home");
  await page.keyboard.type(text);
}

test("Alice sends to Bob with an attachment: Bob's INBOX has it byte-identical, and Bob sees it in his browser", async ({ page, browser }) => {
  const subject = `Lunch plan ${Date.now()}`;
  const bytes = randomBytes(300_000);
  await signIn(page, alice);
  await page.getByRole("button", { name: "Compose" }).click();
  await expect(composer(page)).toBeVisible();

  // An invalid entry is marked in the field and blocks sending.
  await addRecipient(page, "To", "not-an-address");
  await expect(composer(page).getByRole("combobox", { name: "To", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(composer(page).getByText("“not-an-address” is not a valid email address.")).toBeVisible();
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(composer(page).getByRole("alert")).toContainText("not valid");
  await composer(page).getByRole("button", { name: "Remove not-an-address" }).click();

  await addRecipient(page, "To", bob.email);
  await composer(page).getByLabel("Subject").fill(subject);
  await typeBody(page, "Hello Bob, see the attached file.");
  await composer(page).getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type(" Bold words.");
  await composer(page).getByTestId("attach-input").setInputFiles({ name: "data.bin", mimeType: "application/octet-stream", buffer: bytes });
  await expect(composer(page).getByText("293 KB")).toBeVisible({ timeout: 20_000 });
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Message sent.")).toBeVisible({ timeout: 20_000 });
  await expect(composer(page)).toHaveCount(0);

  const got = await waitForMessage(bob, "INBOX", subject);
  const parsed = await simpleParser(got.source);
  expect(parsed.from?.value[0]?.address).toBe(alice.email);
  expect(parsed.text).toContain("Hello Bob, see the attached file. Bold words.");
  expect(parsed.html).toContain("<strong>");
  const att = parsed.attachments.find((a) => a.filename === "data.bin");
  expect(att, "attachment arrives").toBeTruthy();
  expect(createHash("sha256").update(att!.content).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
  // The sent copy is in Alice's Sent folder.
  expect(await hasSubject(alice, "Sent", subject)).toBe(true);

  const ctx = await browser.newContext();
  const bobPage = await ctx.newPage();
  await signIn(bobPage, bob);
  await bobPage.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(bobPage.getByRole("heading", { name: subject })).toBeVisible();
  await expect(bobPage.getByText("data.bin")).toBeVisible();
  await ctx.close();
});

test("reply and forward carry In-Reply-To/References, quote the original, and flag it \\Answered / $Forwarded", async ({ page }) => {
  const subject = `Budget ${Date.now()}`;
  const original = Buffer.from(
    [
      `From: Dave <${dave.email}>`,
      `To: Carol <${carol.email}>, Erin <${erin.email}>`,
      `Subject: ${subject}`,
      "Date: Thu, 26 Nov 2026 10:00:00 +0000",
      `Message-ID: <orig-${Date.now()}@example.test>`,
      "References: <root-1@example.test>",
      "In-Reply-To: <root-1@example.test>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Can you check the numbers?",
      "",
      "Thanks, Dave",
      "",
    ].join("\r\n"),
  );
  const origId = /Message-ID: (<[^>]+>)/.exec(original.toString())![1]!;
  const [uid] = await appendMessages(carol, "INBOX", [original]);

  await signIn(page, carol);
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();

  // Reply all: Dave in To, Erin in Cc, never Carol herself.
  await page.getByRole("button", { name: "Reply all" }).click();
  await expect(composer(page).getByText(dave.email)).toBeVisible();
  await expect(composer(page).getByText(erin.email)).toBeVisible();
  await expect(composer(page).getByLabel("Subject")).toHaveValue(`Re: ${subject}`);
  await expect(composer(page).getByRole("textbox", { name: "Message" })).toContainText("Can you check the numbers?");
  await typeBody(page, "Numbers look fine.");
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Message sent.")).toBeVisible({ timeout: 20_000 });

  const reply = await waitForMessage(dave, "INBOX", `Re: ${subject}`);
  const rh = headerBlock(reply.source);
  expect(rh).toContain(`In-Reply-To: ${origId}`);
  expect(rh).toMatch(new RegExp(`References: <root-1@example\\.test>\\s+${origId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const rp = await simpleParser(reply.source);
  expect(rp.text).toContain("Numbers look fine.");
  expect(rp.text).toMatch(/wrote:\n\n> Can you check the numbers\?\n>\n> Thanks, Dave/);
  expect(rp.cc && !Array.isArray(rp.cc) ? rp.cc.value.map((v) => v.address) : []).toEqual([erin.email]);
  await waitForMessage(erin, "INBOX", `Re: ${subject}`);
  await expect.poll(async () => (await flagsOf(carol, "INBOX", uid!))?.has("\\Answered")).toBe(true);

  // Forward as an attachment: the original travels as message/rfc822; the original gets $Forwarded.
  await page.getByRole("button", { name: "More forward options" }).click();
  await page.getByRole("menuitem", { name: "Forward as attachment" }).click();
  await expect(composer(page).getByLabel("Subject")).toHaveValue(`Fwd: ${subject}`);
  await expect(composer(page).getByText(`${subject}.eml`)).toBeVisible();
  await addRecipient(page, "To", bob.email);
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Message sent.")).toBeVisible({ timeout: 20_000 });
  const fwd = await waitForMessage(bob, "INBOX", `Fwd: ${subject}`);
  expect(headerBlock(fwd.source)).toContain(origId);
  expect(fwd.source.toString()).toContain("Content-Type: message/rfc822");
  expect(fwd.source.includes(original)).toBe(true);
  await expect.poll(async () => (await flagsOf(carol, "INBOX", uid!))?.has("$Forwarded")).toBe(true);

  // Forward inline: the original's header block and text in the body.
  await page.getByRole("button", { name: "Forward", exact: true }).click();
  await expect(composer(page).getByRole("textbox", { name: "Message" })).toContainText("Forwarded message");
  await addRecipient(page, "To", erin.email);
  await composer(page).getByLabel("Subject").fill(`Fwd inline: ${subject}`);
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Message sent.")).toBeVisible({ timeout: 20_000 });
  const inline = await simpleParser((await waitForMessage(erin, "INBOX", `Fwd inline: ${subject}`)).source);
  expect(inline.text).toContain(`From: Dave <${dave.email}>`);
  expect(inline.text).toContain(`Subject: ${subject}`);
  expect(inline.text).toContain("Can you check the numbers?");
});

test("a draft saves while typing, survives a reload, and reopens from Drafts", async ({ page }) => {
  const subject = `Draft ${Date.now()}`;
  await signIn(page, erin);
  await page.getByRole("button", { name: "Compose" }).click();
  // The header's rows line up: the From address follows the name (not ~140 px later), "Subject" fits its column.
  const fromBox = (await composer(page).getByLabel("From").boundingBox())!;
  const addressBox = (await composer(page).getByText(`<${erin.email}>`).boundingBox())!;
  expect(addressBox.x - (fromBox.x + fromBox.width)).toBeLessThan(16);
  expect(await composer(page).getByText("Subject", { exact: true }).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await addRecipient(page, "To", bob.email);
  await composer(page).getByLabel("Subject").fill(subject);
  await typeBody(page, "Half a thought that must not be lost");
  await expect(composer(page).getByTestId("save-state")).toHaveText("Saved", { timeout: 15_000 });
  await expect.poll(() => hasSubject(erin, "Drafts", subject)).toBe(true);

  await page.keyboard.type(" and more");
  await page.reload();
  // The composer comes back as it was (localStorage copy), and the server draft has the text too.
  await expect(composer(page).getByRole("textbox", { name: "Message" })).toContainText("Half a thought that must not be lost and more", { timeout: 15_000 });
  await expect(composer(page).getByLabel("Subject")).toHaveValue(subject);
  await expect.poll(async () => (await simpleParser((await waitForMessage(erin, "Drafts", subject)).source)).text ?? "", { timeout: 15_000 }).toContain("and more");
  // One draft, not one per save.
  await expect.poll(() => withImap(erin, async (c) => { const s = await c.status("Drafts", { messages: true }); return s ? s.messages : -1; })).toBe(1);

  await composer(page).getByRole("button", { name: "Close and keep as draft" }).click();
  await expect(composer(page)).toHaveCount(0);
  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Drafts/ }).click();
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(composer(page).getByLabel("Subject")).toHaveValue(subject);
  await expect(composer(page).getByRole("textbox", { name: "Message" })).toContainText("Half a thought that must not be lost and more");
  await expect(composer(page).getByText(bob.email)).toBeVisible();
  await composer(page).getByRole("button", { name: "Discard" }).click();
  // Discarding asks first (issue 12 point 14), saying what goes: this one is in Drafts.
  await expect(composer(page).getByRole("alertdialog", { name: "Discard this message?" })).toHaveAccessibleDescription("Discard this message? Its saved draft is deleted from Drafts.");
  await composer(page).getByRole("alertdialog", { name: "Discard this message?" }).getByRole("button", { name: "Discard" }).click();
  await expect.poll(() => hasSubject(erin, "Drafts", subject)).toBe(false);
});

test("an unreachable SMTP server shows a clear error and keeps the message as a draft; an attachment past the limit is refused in words", async ({ page }) => {
  const subject = `Unsent ${Date.now()}`;
  await page.goto(`${smtpDownApp}/login`);
  await page.getByLabel("Email").fill(dave.email);
  await page.getByLabel("Password").fill(dave.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\//, { timeout: 20_000 });
  await mailReady(page); // the list shows from the page's HTML before the script takes clicks
  await page.getByRole("button", { name: "Compose" }).click();
  await addRecipient(page, "To", bob.email);
  await composer(page).getByLabel("Subject").fill(subject);
  await typeBody(page, "This must survive a dead mail server.");
  // This instance allows 1 MB per attachment.
  await composer(page).getByTestId("attach-input").setInputFiles({ name: "big.bin", mimeType: "application/octet-stream", buffer: randomBytes(1_500_000) });
  await expect(composer(page).getByRole("alert")).toContainText("larger than the attachment limit of 1 MB");
  await composer(page).getByRole("button", { name: "Remove big.bin" }).click();
  await composer(page).getByRole("button", { name: "Send" }).click();
  await expect(composer(page).getByRole("alert")).toContainText("can't be reached", { timeout: 20_000 });
  await expect(composer(page)).toBeVisible();
  await expect(composer(page).getByTestId("save-state")).toHaveText("Saved", { timeout: 15_000 });
  const draft = await waitForMessage(dave, "Drafts", subject);
  expect((await simpleParser(draft.source)).text).toContain("This must survive a dead mail server.");
  expect(await hasSubject(bob, "INBOX", subject)).toBe(false);
  expect(await hasSubject(dave, "Sent", subject)).toBe(false);
});

test("header injection in subject, names and addresses adds no header and no recipient", async ({ page }) => {
  const tag = Date.now();
  await signIn(page, alice);
  const base = { cc: [], bcc: [], html: "<p>hi</p>", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: null };

  // An address entry carrying a second header is refused outright, with words.
  const bad = await page.request.post("/api/compose/send", { data: { ...base, to: [`${bob.email}\r\nBcc: ${carol.email}`], subject: `Inj A ${tag}` } });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({ code: "INVALID_ADDRESS" });

  // So is a display name with a line break in it.
  const badName = await page.request.post("/api/compose/send", { data: { ...base, to: [`"Bob\r\nBcc: ${carol.email}" <${bob.email}>`], subject: `Inj B ${tag}` } });
  expect(badName.status()).toBe(422);

  // CR/LF in the subject, the From name (identity) and In-Reply-To are neutralised: the message goes to Bob only.
  const id = await page.request.put("/api/identity", { data: { fromName: `Alice\r\nBcc: ${carol.email}` } });
  expect(await id.json()).toMatchObject({ fromName: `Alice Bcc: ${carol.email}` });
  const res = await page.request.post("/api/compose/send", {
    data: { ...base, to: [`Bob <${bob.email}>`], subject: `Hi ${tag}\r\nBcc: ${carol.email}\r\nX-Injected: yes`, inReplyTo: `<a@b>\r\nX-Injected: yes` },
  });
  expect(res.status(), await res.text()).toBe(200);
  await page.request.put("/api/identity", { data: { fromName: "" } });
  const subject = `Hi ${tag} Bcc: ${carol.email} X-Injected: yes`;
  const got = await waitForMessage(bob, "INBOX", subject);
  const head = headerBlock(got.source);
  expect(head).not.toMatch(/^Bcc:/im);
  expect(head).not.toMatch(/^X-Injected:/im);
  expect(head).not.toMatch(/^In-Reply-To:/im);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await hasSubject(carol, "INBOX", subject)).toBe(false);
});

test("an SMTP refusal (unknown recipient) shows the server's reason and keeps the draft", async ({ page }) => {
  const subject = `Refused ${Date.now()}`;
  await signIn(page, alice);
  await page.getByRole("button", { name: "Compose" }).click();
  await addRecipient(page, "To", "nobody-here@example.test");
  await composer(page).getByLabel("Subject").fill(subject);
  await typeBody(page, "Nobody will read this.");
  await composer(page).getByRole("button", { name: "Send" }).click();
  const alert = composer(page).getByRole("alert");
  await expect(alert).toContainText("refused", { timeout: 20_000 });
  await expect(alert).toContainText("nobody-here@example.test");
  await expect(alert).toContainText("kept as a draft");
  await expect(composer(page).getByTestId("save-state")).toHaveText("Saved", { timeout: 15_000 });
  expect(await hasSubject(alice, "Drafts", subject)).toBe(true);
  expect(await hasSubject(alice, "Sent", subject)).toBe(false);
});
