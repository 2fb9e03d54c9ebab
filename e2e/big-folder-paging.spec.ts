import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { resetMailbox, testUser, withImap } from "./helpers/imap";

// Issue 13 point 8 in the real UI: a jump far down a 1,500-message INBOX (t372) shows the rows the
// server holds at those positions; a flag changed and a message removed by another client show up
// when the page is asked for again (the server's page cache is refreshed by CHANGEDSINCE, or re-read),
// and scrolling on from the jumped page continues with the next older rows.
const user = testUser(372);
const COUNT = 1500;
const START = Date.UTC(2025, 2, 1, 12);
const HOUR = 3600_000;
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-big";

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const rowFor = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`${subject}(?!\\d)`) });
const message = (i: number) =>
  `From: Sender ${i % 13} <s${i % 13}@example.test>\r\nTo: ${user.email}\r\nSubject: Row ${i}\r\nDate: ${new Date(START + i * HOUR).toUTCString()}\r\nContent-Type: text/plain\r\n\r\nBody ${i}.\r\n`;

async function shots(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [390, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 860 });
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 860 });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await resetMailbox(user);
  await withImap(user, async (c) => {
    for (let i = 0; i < COUNT; i++) await c.append("INBOX", message(i), ["\\Seen"], new Date(START + i * HOUR));
  });
});

test("scrolling to the end of the first page keeps the place while the next page comes", async ({ page }) => {
  await signIn(page, user);
  await expect(page.locator("[data-list-position]")).toHaveText("1–50 of 1,500");
  await list(page).hover();
  // Past the first page's end (~50 rows): the list shows its last rows and asks for the next page.
  await page.mouse.wheel(0, 6000);
  await expect(rowFor(page, "Row 1449").first()).toBeAttached();
  // A frame after that page came, the rows the person scrolled to are still the ones on screen
  // (the list used to go back to its top at the first change after the page opened).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(rowFor(page, "Row 1450").first()).toBeInViewport();
  await expect(rowFor(page, "Row 1499")).not.toBeInViewport();
  expect(await list(page).evaluate((el) => el.parentElement!.scrollTop)).toBeGreaterThan(1000);
});

test("a jump far down shows the server's rows there, then another client's flag and removal", async ({ page }) => {
  await signIn(page, user);
  const position = page.locator("[data-list-position]");
  await expect(position).toHaveText("1–50 of 1,500");
  await expect(rowFor(page, "Row 1499").first()).toBeVisible();

  // A day in the oldest fifth: the page ends at the last message that arrived on or before it.
  const day = new Date(START + 250 * HOUR).toISOString().slice(0, 10);
  const last = Math.floor((Date.parse(`${day}T00:00:00Z`) + 24 * HOUR - START - 1) / HOUR);
  await page.getByRole("button", { name: "Jump to date" }).click();
  await page.getByLabel("Day", { exact: true }).fill(day);
  await page.getByRole("button", { name: "Go", exact: true }).click();
  const first = COUNT - last;
  await expect(position).toHaveText(`${first.toLocaleString("en-US")}–${(first + 49).toLocaleString("en-US")} of 1,500`);
  await expect(rowFor(page, `Row ${last}`).first()).toBeVisible();
  await shots(page, "big-folder-jump");

  const flagged = last - 2;
  const removed = last - 4;
  const jumpAgain = async () => {
    await page.getByRole("button", { name: "Newest", exact: true }).click();
    await expect(position).toHaveText(/^1–50 of /);
    await page.getByRole("button", { name: "Jump to date" }).click();
    await page.getByLabel("Day", { exact: true }).fill(day);
    await page.getByRole("button", { name: "Go", exact: true }).click();
  };
  // Appended in order into an emptied INBOX: message i is sequence number i + 1 (until one is removed).
  const uidOf = (i: number) =>
    withImap(user, async (c) => {
      const lock = await c.getMailboxLock("INBOX", { readOnly: true });
      try {
        const m = await c.fetchOne(String(i + 1), { uid: true, envelope: true });
        expect(m && m.envelope?.subject).toBe(`Row ${i}`);
        return m ? m.uid : 0;
      } finally {
        lock.release();
      }
    });
  const [flagUid, removeUid] = [await uidOf(flagged), await uidOf(removed)];
  const other = (fn: (c: Parameters<Parameters<typeof withImap>[1]>[0]) => Promise<unknown>) =>
    withImap(user, async (c) => {
      const lock = await c.getMailboxLock("INBOX");
      try {
        await fn(c);
      } finally {
        lock.release();
      }
    });

  // Another client flags a row of that page: asked again, the row says so (only flags changed).
  await other((c) => c.messageFlagsAdd(String(flagUid), ["\\Flagged"], { uid: true }));
  await jumpAgain();
  await expect(rowFor(page, `Row ${flagged}`).first()).toHaveAccessibleName(/flagged/);
  // It removes another: asked again, the row is gone and the page closes up.
  await other((c) => c.messageDelete(String(removeUid), { uid: true }));
  await jumpAgain();
  await expect(position).toHaveText(/of 1,499$/);
  await expect(rowFor(page, `Row ${removed}`)).toHaveCount(0);
  await expect(rowFor(page, `Row ${last - 3}`).first()).toBeVisible();
  await expect(rowFor(page, `Row ${flagged}`).first()).toHaveAccessibleName(/flagged/);

  // Scrolling on from the jumped page loads the older pages: every row down to the oldest, in order,
  // none missing but the removed one, none twice.
  const seen: number[] = [];
  // What each reading saw, for the failure message: this test has failed in CI (not reproduced here) with
  // the last ~35 rows of a loaded page never on screen, the next reading already at the next page's first row.
  const readings: string[] = [];
  for (let i = 0; i < 200 && !seen.includes(0); i++) {
    const onScreen: number[] = [];
    for (const t of await list(page).getByRole("listitem").allInnerTexts()) {
      const n = Number(/Row (\d+)/.exec(t)?.[1] ?? NaN);
      if (Number.isInteger(n)) onScreen.push(n);
      if (Number.isInteger(n) && !seen.includes(n)) seen.push(n);
    }
    const scroll = await list(page).evaluate((el) => {
      const s = el.parentElement!;
      return `${Math.round(s.scrollTop)}/${s.scrollHeight}`;
    });
    readings.push(`${i}: scroll ${scroll}, rows ${onScreen[0]}…${onScreen.at(-1)} (${onScreen.length})`);
    const lastRow = list(page).getByRole("listitem").last();
    const before = await lastRow.innerText().catch(() => "");
    // The pointer over the middle of the list's visible part. Not list.hover(): the list element is as tall
    // as every loaded row (thousands of px), and Playwright's hover first scrolls the element "into view".
    const box = (await list(page).evaluate((el) => {
      const r = el.parentElement!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }));
    await page.mouse.move(box.x, box.y);
    // Less than the list's height (~590 px at 1440×860): every row is on screen at one reading or the next,
    // even when a page just loaded and its overscan is not mounted yet (600 px once skipped ~45 rows in CI).
    await page.mouse.wheel(0, 300);
    // The list moved on (or there was nothing more to show): read the rows again.
    await expect.poll(() => lastRow.innerText().catch(() => ""), { timeout: 1_000 }).not.toBe(before).catch(() => {});
  }
  const expected = Array.from({ length: last + 1 }, (_, k) => last - k).filter((n) => n !== removed);
  expect(seen, `readings:\n${readings.join("\n")}`).toEqual(expected);
});
