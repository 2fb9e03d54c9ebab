import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";

// Issue 12, the message list: snippets (1), Sort (3), Sent/Drafts recipients (6), big folders (7), one date format (21).
const bulk = { email: "bulk@example.test", password: "mailroom-demo" };
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-list";

const mail = (o: { from?: string; to?: string; subject: string; date: Date; body: string }) =>
  `From: ${o.from ?? "Alice Adams <alice@example.test>"}\r\nTo: ${o.to ?? "Reader <reader@example.test>"}\r\nSubject: ${o.subject}\r\nDate: ${o.date.toUTCString()}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${o.body.replace(/\n/g, "\r\n")}\r\n`;

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const rows = (page: Page) => list(page).getByRole("listitem");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

async function shots(page: Page, name: string, prepare?: () => Promise<void>) {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [390, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 860 });
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      if (prepare) await prepare();
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 860 });
}

test("rows show the first words of the message, not its size, and one date format", async ({ page }) => {
  const user = testUser(244);
  await resetMailbox(user);
  const now = new Date();
  // Mid-year noon, this year (not today) and last year: "3 Jun" and "5 Nov 2025".
  const thisYear = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() === 5 ? 6 : 5, 3, 12));
  const lastYear = new Date(Date.UTC(now.getUTCFullYear() - 1, 10, 5, 12));
  await appendMessages(user, "INBOX", [
    mail({ subject: "Older plans", date: lastYear, body: "Last year we went to the lake." }),
    mail({ subject: "Lunch on Friday", date: thisYear, body: "Shall we try the new noodle place?\n\nOn Mon, Bob wrote:\n> lunch?\n-- \nAlice\nPhone 555" }),
    mail({ subject: "Today's note", date: now, body: `${"A very long line of words that keeps going ".repeat(10)}` }),
  ]);
  await signIn(page, user);
  const lunch = rows(page).filter({ hasText: "Lunch on Friday" });
  await expect(lunch).toContainText("Shall we try the new noodle place?");
  await expect(lunch).not.toContainText("lunch?");
  await expect(lunch).not.toContainText("Phone 555");
  await expect(lunch).not.toContainText(/\d+(\.\d)? (B|KB)\b/);
  await expect(lunch.locator("time")).toHaveText(`${thisYear.getDate()} ${MONTHS[thisYear.getMonth()]}`);
  await expect(rows(page).filter({ hasText: "Older plans" }).locator("time")).toHaveText(`${lastYear.getDate()} ${MONTHS[lastYear.getMonth()]} ${lastYear.getFullYear()}`);
  await expect(rows(page).filter({ hasText: "Today's note" }).locator("time")).toHaveText(/^\d{1,2}:\d{2}/);
  const long = await rows(page).filter({ hasText: "Today's note" }).locator("[data-snippet]").textContent();
  expect(long!.length).toBeLessThan(110);
  // The size moved to the reading pane.
  await lunch.getByRole("button").first().click();
  await expect(page.locator("[data-message-size]")).toHaveText(/\d+ B/);
  await shots(page, "snippets");
});

test("Sent and Drafts rows name the recipients", async ({ page }) => {
  const user = testUser(245);
  await resetMailbox(user);
  await appendMessages(user, "Sent", [mail({ from: `Me <${user.email}>`, to: "Carol Chen <carol@example.test>, dan@example.test", subject: "Quarterly numbers", date: new Date(), body: "Here they are." })], ["\\Seen"]);
  await appendMessages(user, "Drafts", [mail({ from: `Me <${user.email}>`, to: "Bob Baker <bob@example.test>", subject: "Half-written", date: new Date(), body: "Dear Bob," })], ["\\Seen", "\\Draft"]);
  await appendMessages(user, "INBOX", [mail({ subject: "Inbox row", date: new Date(), body: "Hi" })]);
  await signIn(page, user);
  await expect(rows(page).filter({ hasText: "Inbox row" })).toContainText("Alice Adams");
  await page.goto("/mail/Sent");
  const sent = rows(page).filter({ hasText: "Quarterly numbers" });
  await expect(sent).toContainText("To: Carol Chen, dan@example.test");
  await expect(sent).not.toContainText("Me");
  await expect(sent.getByRole("button").first()).toHaveAccessibleName(/^To: Carol Chen, dan@example\.test, Quarterly numbers/);
  await shots(page, "sent");
  await page.goto("/mail/Drafts");
  await expect(rows(page).filter({ hasText: "Half-written" })).toContainText("To: Bob Baker");
});

test("the Sort menu orders the folder and the choice is remembered for it", async ({ page }) => {
  const user = testUser(246);
  await resetMailbox(user);
  const base = Date.now() - 5 * 86_400_000;
  // Arrival order differs from Date-header, subject and size order.
  await appendMessages(user, "INBOX", [
    mail({ subject: "Banana", date: new Date(base + 3 * 3600_000), body: "b".repeat(3000) }),
    mail({ subject: "Cherry", date: new Date(base + 1 * 3600_000), body: "c" }),
    mail({ subject: "Apple", date: new Date(base + 2 * 3600_000), body: "a".repeat(800) }),
  ]);
  await signIn(page, user);
  const subjects = async () => (await rows(page).locator("[dir=auto]").allTextContents()).map((t) => t.split(" — ")[0]);
  const sortButton = page.getByRole("button", { name: /^Sort: / });
  await expect(sortButton).toBeVisible();
  await expect.poll(subjects).toEqual(["Apple", "Cherry", "Banana"]); // arrival, newest first

  await sortButton.click();
  await page.getByRole("menuitemradio", { name: /^Subject/ }).click();
  await expect(sortButton).toHaveAccessibleName("Sort: Subject, A to Z");
  await expect.poll(subjects).toEqual(["Apple", "Banana", "Cherry"]);

  await sortButton.click();
  // The choice in force is checked (said by the role, not by words in its name); the direction is a group of its own.
  await expect(page.getByRole("menuitemradio", { name: "Subject", exact: true })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("menuitemradio", { name: "Received", exact: true })).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("menu", { name: "Sort" }).getByRole("separator")).toHaveCount(1);
  await page.getByRole("menuitemradio", { name: /^Date/ }).click();
  await expect.poll(subjects).toEqual(["Banana", "Apple", "Cherry"]);

  await sortButton.click();
  await page.getByRole("menuitemradio", { name: /^Size/ }).click();
  await expect.poll(subjects).toEqual(["Banana", "Apple", "Cherry"]);
  // Size, largest first gives the same order as Date here: wait for the choice itself to be saved (the
  // button takes no new choice while one is being saved) before the keyboard opens the menu again.
  await expect(sortButton).toHaveAccessibleName(/^Sort: Size/);
  await expect(sortButton).toBeEnabled();
  // Keyboard: open with the button, move to "Smallest first", Enter.
  await sortButton.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitemradio", { name: /^Smallest first/ }).focus();
  await page.keyboard.press("Enter");
  await expect(sortButton).toHaveAccessibleName("Sort: Size, smallest first");
  await expect.poll(subjects).toEqual(["Cherry", "Apple", "Banana"]);

  // Remembered on the server for this folder: a fresh page (any browser) shows the same order. The button
  // is enabled again once the choice is saved: the reload must not overtake the save.
  await expect(sortButton).toBeEnabled();
  await page.reload();
  await expect(sortButton).toHaveAccessibleName("Sort: Size, smallest first");
  await expect.poll(subjects).toEqual(["Cherry", "Apple", "Banana"]);
  await shots(page, "sort-menu", async () => {
    await sortButton.click();
    await expect(page.getByRole("menu", { name: "Sort" })).toBeVisible();
  });
  await page.keyboard.press("Escape");
  // Other folders keep their own order.
  await page.goto("/mail/Sent");
  await expect(sortButton.or(page.getByText("No messages in this folder"))).toBeVisible();
  // Back to the default, so the folder is as it was.
  await page.goto("/mail/INBOX");
  await sortButton.click();
  await page.getByRole("menuitemradio", { name: /^Received/ }).click();
  await expect(sortButton).toHaveAccessibleName("Sort: Received, newest first");
  await expect.poll(subjects).toEqual(["Apple", "Cherry", "Banana"]);
});

test("a 10,000-message folder says where you are and reaches its oldest message or a date in one request", async ({ page }) => {
  const { oldest, midDay, total } = await withImap(bulk, async (c) => {
    const lock = await c.getMailboxLock("INBOX", { readOnly: true });
    try {
      const exists = c.mailbox ? c.mailbox.exists : 0;
      const first = await c.fetchOne("1", { envelope: true, uid: true });
      const mid = await c.fetchOne(String(Math.floor(exists / 2)), { internalDate: true, uid: true });
      const d = mid && mid.internalDate ? new Date(mid.internalDate) : new Date();
      return { oldest: (first && first.envelope?.subject) || "", midDay: d.toISOString().slice(0, 10), total: exists };
    } finally {
      lock.release();
    }
  });
  const count = total.toLocaleString("en-US");
  await signIn(page, bulk);
  const position = page.locator("[data-list-position]");
  await expect(position).toHaveText(`1–50 of ${count}`);
  // The count is on the position line; the folder's name has its line to itself, not cut short.
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Inbox");
  expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // How fast is the bench's business (npm run bench, "oldest"); here: one request, no paging through the folder.
  const listRequests: string[] = [];
  const onList = (r: { url(): string }) => {
    if (/\/api\/messages\?/.test(r.url())) listRequests.push(new URL(r.url()).search);
  };
  page.on("request", onList);
  await page.getByRole("button", { name: "Oldest", exact: true }).click();
  const escaped = oldest.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const oldestRow = list(page).getByRole("button", { name: new RegExp(`${escaped}(?!\\d)`) });
  await expect(oldestRow.first()).toBeVisible({ timeout: 5000 });
  // The last row of the page, visible once the list is at its end (no scrolling through 10,000 rows).
  await expect(position).toHaveText(`${(total - 49).toLocaleString("en-US")}–${count} of ${count}`);
  page.off("request", onList);
  expect(listRequests).toHaveLength(1);
  expect(listRequests[0]).toContain("jump=oldest");
  await shots(page, "big-folder-oldest");
  // The way back and the calendar keep together at the line's right end, wrapped or not.
  const line = await position.locator("..").boundingBox();
  const [newest, calendar] = [await page.getByRole("button", { name: "Newest", exact: true }).boundingBox(), await page.getByRole("button", { name: "Jump to date" }).boundingBox()];
  expect(Math.abs(newest!.y - calendar!.y)).toBeLessThan(4);
  expect(line!.x + line!.width - (calendar!.x + calendar!.width)).toBeLessThan(16);

  // Jump to a date: the first row is the newest message of that day or before.
  const olderPages: string[] = [];
  page.on("request", (r) => {
    if (/\/api\/messages\?.*before=/.test(r.url())) olderPages.push(r.url());
  });
  // The day field is behind a calendar button on the position line: it opens focused, Escape closes it.
  const jumpButton = page.getByRole("button", { name: "Jump to date" });
  await expect(page.getByLabel("Day", { exact: true })).toHaveCount(0);
  await jumpButton.click();
  await expect(jumpButton).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByLabel("Day", { exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Day", { exact: true })).toHaveCount(0);
  await expect(jumpButton).toBeFocused();
  await expect(jumpButton).toHaveAttribute("aria-expanded", "false");
  await jumpButton.click();
  await page.getByLabel("Day", { exact: true }).fill(midDay);
  await page.getByRole("button", { name: "Go", exact: true }).click();
  // The page ends at the last message that arrived on or before that day (asked of the server directly).
  const end = await withImap(bulk, async (c) => {
    const lock = await c.getMailboxLock("INBOX", { readOnly: true });
    try {
      const next = new Date(`${midDay}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      const seqs = (await c.search({ before: next })) || [];
      let last = seqs.reduce((a, b) => Math.max(a, b), 0);
      // "Before" means arrived before that midnight: Dovecot also counts a message at exactly 00:00.
      while (last > 0) {
        const m = await c.fetchOne(String(last), { internalDate: true });
        if (!m || !m.internalDate || new Date(m.internalDate).getTime() < next.getTime()) break;
        last--;
      }
      return last;
    } finally {
      lock.release();
    }
  });
  const start = total - end + 1;
  await expect(position).toHaveText(`${start.toLocaleString("en-US")}–${(start + 49).toLocaleString("en-US")} of ${count}`);
  const firstTime = await rows(page).first().locator("time").getAttribute("datetime");
  expect(firstTime!.slice(0, 10) <= midDay).toBe(true);
  // The new page starts at its top: coming from the oldest page's end, the list once asked for the next
  // older page too, as if scrolled there (the scroll offset it saw was the previous list's).
  // The list decides once the frame with the new rows is painted (the next task after that frame): two
  // frames and a task later it has, and that request, which left in the rows' own commit, would be out.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  expect(olderPages).toEqual([]);
  await expect(position).toHaveText(`${start.toLocaleString("en-US")}–${(start + 49).toLocaleString("en-US")} of ${count}`);
  await page.getByRole("button", { name: "Newest", exact: true }).click();
  await expect(position).toHaveText(`1–50 of ${count}`);
});
