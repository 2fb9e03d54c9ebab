import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13: a folder switch paints the list first (hooks/list-first.tsx). On wide screens the frame that
 * shows the new folder's rows is the list's own render: the folder tree and the reading pane show what
 * they showed for that frame and catch up right after it. A person never acts on a stale part (a key or
 * a press brings them up to date first); phones render everything at once. The list route says where
 * its time went (Server-Timing). Users t458–t460.
 */

const from = { name: "List First", address: "list-first@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const mail = (to: string, subject: string, i: number) => plainMessage({ from, to, subject, date: at(i), text: `Body of ${subject}, the first sentence.` });
const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(subject) });
const folderLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: new RegExp(`^${name}`) });

interface Seen {
  /** The awaited subject is in the list. */
  rows: boolean;
  /** The list shows something else than when the watch started (its rows, or its loading state for a slow answer). */
  changed: boolean;
  /** Name of the folder the folder tree marks as current. */
  current: string;
  /** The reading pane still shows the message opened before the switch. */
  pane: boolean;
}

/** Records, after every DOM change from now on, what the list, the folder tree and the reading pane show. */
async function watch(page: Page, subject: string, opened: string) {
  await page.evaluate(
    ([subject, opened]) => {
      const w = window as unknown as { __seen: Seen[] };
      w.__seen = [];
      new MutationObserver(() => {
        const listEl = document.querySelector('[role="list"][aria-label="Message list"]');
        const current = document.querySelector('nav[aria-label="Folders"] [aria-current="page"]')?.textContent ?? "";
        const pane = document.querySelector('section[aria-label="Message"]')?.textContent?.includes(opened) ?? false;
        const rows = !!listEl?.textContent?.includes(subject);
        w.__seen.push({ rows, changed: rows || !!document.querySelector('section[data-pane="list"] [aria-busy="true"]'), current, pane });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    [subject, opened],
  );
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);

async function setUp(n: number) {
  const user = testUser(n);
  await resetMailbox(user);
  const run = Date.now().toString(36);
  const other = `Later ${run}`;
  await withImap(user, (c) => c.mailboxCreate(other).catch(() => {}));
  await appendMessages(user, "INBOX", [mail(user.email, `Inbox note ${run}`, 1)], ["\\Seen"]);
  await appendMessages(user, other, [mail(user.email, `Other note ${run}`, 2)], ["\\Seen"]);
  return { user, run, other };
}

test("a switch's first frame is the list's: the folder tree and the open message follow right after", async ({ page }) => {
  const { user, run, other } = await setUp(458);
  await signIn(page, user);
  await row(page, `Inbox note ${run}`).click();
  await expect(page.getByRole("region", { name: "Message" }).getByText(`Body of Inbox note ${run}`)).toBeVisible();

  // A folder the tab has not fetched: rendered when its answer comes.
  await watch(page, `Other note ${run}`, `Body of Inbox note ${run}`);
  await folderLink(page, other).click();
  await expect(row(page, `Other note ${run}`)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Folders" }).locator('[aria-current="page"]')).toContainText(other);
  await expect(page.getByRole("region", { name: "Message" }).getByText(`Body of Inbox note ${run}`)).toHaveCount(0);
  let frames = await seen(page);
  // The first render the switch caused (its rows, or its loading state when the answer took over 120 ms).
  let first = frames.find((f) => f.changed);
  expect(frames.some((f) => f.rows), JSON.stringify(frames)).toBe(true);
  expect(first, JSON.stringify(frames)).toBeDefined();
  // The list alone: the tree still marks Inbox and the pane still shows the message for that frame.
  expect(first!.current, JSON.stringify(frames)).toMatch(/^Inbox/);
  expect(first!.pane, JSON.stringify(frames)).toBe(true);

  // Back to a folder the tab remembers (painted from its cache in the click's own render): the same.
  await watch(page, `Inbox note ${run}`, "\u0000none");
  await folderLink(page, "Inbox").click();
  await expect(row(page, `Inbox note ${run}`)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Folders" }).locator('[aria-current="page"]')).toContainText("Inbox");
  frames = await seen(page);
  first = frames.find((f) => f.changed);
  expect(first?.rows, JSON.stringify(frames)).toBe(true);
  expect(first!.current, JSON.stringify(frames)).toContain(other);
});

test("a key pressed right after a switch acts on an up-to-date app", async ({ page }) => {
  const { user, run, other } = await setUp(459);
  await signIn(page, user);
  await expect(row(page, `Inbox note ${run}`)).toBeVisible();
  // The key goes in the same task as the click's answer lands: the held parts catch up before it is handled.
  await page.evaluate(() => {
    const w = window as unknown as { __current: string[] };
    w.__current = [];
    addEventListener("keydown", () => w.__current.push(document.querySelector('nav[aria-label="Folders"] [aria-current="page"]')?.textContent ?? ""));
    new MutationObserver(() => {
      if (document.querySelector('[role="list"][aria-label="Message list"]')?.textContent?.includes("Other note") && w.__current.length === 0) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Shift", bubbles: true }));
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await folderLink(page, other).click();
  await expect(row(page, `Other note ${run}`)).toBeVisible();
  const current = await page.evaluate(() => (window as unknown as { __current: string[] }).__current);
  expect(current[0]).toContain(other);
});

test("the list route says where its time went (Server-Timing), a jump included", async ({ page }) => {
  const { user } = await setUp(460);
  await signIn(page, user);
  for (const extra of ["", "&jump=oldest"]) {
    const res = await page.request.get(`/api/messages?folder=INBOX&limit=50${extra}`);
    expect(res.status()).toBe(200);
    expect((await res.json()).messages).toHaveLength(1);
    expect(res.headers()["server-timing"]).toMatch(/^order;dur=[\d.]+, pool;dur=[\d.]+, imap;dur=[\d.]+, json;dur=[\d.]+$/);
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("a switch renders the whole app at once (one pane shows at a time)", async ({ page }) => {
    const { user, run, other } = await setUp(460);
    await signIn(page, user);
    await expect(row(page, `Inbox note ${run}`)).toBeVisible();
    await page.getByRole("button", { name: "Back to folders" }).click();
    await watch(page, `Other note ${run}`, "\u0000none");
    await folderLink(page, other).click();
    await expect(row(page, `Other note ${run}`)).toBeVisible();
    const frames = await seen(page);
    const first = frames.find((f) => f.changed);
    expect(first, JSON.stringify(frames)).toBeDefined();
    expect(first!.current, JSON.stringify(frames)).toContain(other);
  });
});
