import { expect, test, type Page, type Request } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13, folder switch and jump to the oldest page: one list request per switch (no second one
 * after the live stream's resync), a 304 when a remembered page is unchanged, and the page asked for
 * ahead when a person is about to open it (pointer resting, keyboard focus, an idle moment after the
 * first screen, the pointer on "Oldest"). Users t445–t449 only.
 */

const from = { name: "Folder Switch", address: "folder-switch@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const mail = (to: string, subject: string, i: number) => plainMessage({ from, to, subject, date: at(i), text: `Body of ${subject}` });

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(subject) });
const folderLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: new RegExp(name) });

interface Seen {
  url: URL;
  method: string;
  status?: number;
  ifNoneMatch?: string;
}

/** Every list and folder-tree request the page makes, with its answer's status once it came. */
function recordApi(page: Page): Seen[] {
  const seen: Seen[] = [];
  const byReq = new Map<Request, Seen>();
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!/^\/api\/(folders|messages)$/.test(url.pathname)) return;
    const s: Seen = { url, method: r.method(), ifNoneMatch: r.headers()["if-none-match"] };
    byReq.set(r, s);
    seen.push(s);
  });
  page.on("response", (res) => {
    const s = byReq.get(res.request());
    if (s) s.status = res.status();
  });
  return seen;
}

const listRequests = (seen: Seen[], folder: string, jump?: string) =>
  seen.filter((s) => s.url.pathname === "/api/messages" && s.url.searchParams.get("folder") === folder && (s.url.searchParams.get("jump") ?? undefined) === jump);

async function prepare(n: number, folder: string, subjects: string[], seen = true) {
  const user = testUser(n);
  await resetMailbox(user);
  await withImap(user, async (c) => {
    await c.mailboxCreate(folder).catch(() => {});
  });
  const run = Date.now().toString(36);
  await appendMessages(user, "INBOX", ["Inbox one", "Inbox two"].map((s, i) => mail(user.email, `${s} ${run}`, i)), ["\\Seen"]);
  await appendMessages(user, folder, subjects.map((s, i) => mail(user.email, `${s} ${run}`, i)), seen ? ["\\Seen"] : []);
  return { user, run };
}

test("a switch to a folder not shown yet asks for its list once: the live stream's resync does not re-read it", async ({ page }) => {
  const folder = `Projects ${Date.now().toString(36)}`;
  const { user, run } = await prepare(445, folder, ["Roadmap", "Budget"]);
  await signIn(page, user);
  await expect(row(page, `Inbox two ${run}`)).toBeVisible();
  const seen = recordApi(page);
  // The list answers late, as under load: the folder's live stream (opened with the switch) has no resume
  // point yet, so it starts with "resync: initial" — the case this is about.
  await page.route(/\/api\/messages\?/, async (route) => {
    if (new URL(route.request().url()).searchParams.get("folder") === folder) await new Promise((r) => setTimeout(r, 1_500));
    await route.fallback();
  });
  await folderLink(page, folder).click();
  await expect(row(page, `Budget ${run}`)).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-live-last-resync", "initial");
  // The stream has said where it starts, and the list's own token covered it.
  await expect(page.locator("html[data-live-resyncs-skipped]")).toBeAttached();
  await page.waitForTimeout(1_200); // an absence check: the resync re-read came ~300 ms after the rows
  expect(listRequests(seen, folder).length, seen.map((s) => s.url.search).join(" ")).toBe(1);
  expect(seen.filter((s) => s.url.pathname === "/api/folders")).toEqual([]);

  // Back to a folder the tab showed: painted from the tab's cache, confirmed with a 304 (nothing changed).
  await folderLink(page, "Inbox").click();
  await expect(row(page, `Inbox two ${run}`)).toBeVisible();
  await folderLink(page, folder).click();
  await expect(row(page, `Roadmap ${run}`)).toBeVisible();
  await expect.poll(() => listRequests(seen, folder).at(-1)?.status).toBe(304);
  expect(listRequests(seen, folder).at(-1)?.ifNoneMatch).toBeTruthy();
});

test("a switch to a remembered folder shows its rows in the click's own render; the address follows after that frame", async ({ page }) => {
  const folder = `Notes ${Date.now().toString(36)}`;
  const { user, run } = await prepare(449, folder, ["Minutes", "Agenda"]);
  await signIn(page, user);
  await expect(row(page, `Inbox two ${run}`)).toBeVisible();
  await folderLink(page, folder).click();
  await expect(row(page, `Agenda ${run}`)).toBeVisible();
  await folderLink(page, "Inbox").click();
  await expect(row(page, `Inbox two ${run}`)).toBeVisible();
  await expect(page).toHaveURL(/\/mail\/INBOX$/);
  // Clicked from a script: what the page shows right after the click's microtasks (where React flushes
  // a click's render) — before Next's router has seen any new address.
  const seen = await page.evaluate(async ({ folder, subject }) => {
    const link = [...document.querySelectorAll<HTMLAnchorElement>("nav a[href]")].find((a) => decodeURIComponent(new URL(a.href).pathname) === `/mail/${folder}`);
    if (!link) throw new Error(`no link to ${folder}`);
    const before = location.pathname;
    link.click();
    await Promise.resolve();
    const rows = document.querySelector('[role="list"][aria-label="Message list"]')?.textContent ?? "";
    return { shown: rows.includes(subject), addressAtRender: location.pathname, before };
  }, { folder, subject: `Agenda ${run}` });
  expect(seen.shown).toBe(true);
  expect(seen.addressAtRender).toBe(seen.before);
  await expect(page).toHaveURL((u) => decodeURIComponent(u.pathname) === `/mail/${folder}`);
  // The tab's title follows (set after the frame that shows the rows).
  await expect(page).toHaveTitle(`${folder} · Mailroom`);
  // Back goes to the inbox as before: the address history is the same as without the early render.
  await page.goBack();
  await expect(row(page, `Inbox two ${run}`)).toBeVisible();
  await expect(page).toHaveURL(/\/mail\/INBOX$/);
  await expect(page).toHaveTitle("Inbox · Mailroom");
});

test("the list answers If-None-Match with 304 while the page is unchanged, and a new page when a flag changed", async ({ page }) => {
  const folder = `Receipts ${Date.now().toString(36)}`;
  const { user } = await prepare(446, folder, ["Taxi", "Hotel"]);
  await signIn(page, user);
  const url = `/api/messages?${new URLSearchParams({ folder, limit: "50" })}`;
  const first = await page.request.get(url);
  expect(first.status()).toBe(200);
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^"[\w-]+"$/);
  const same = await page.request.get(url, { headers: { "If-None-Match": etag } });
  expect(same.status()).toBe(304);
  expect((await same.body()).length).toBe(0);
  await withImap(user, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      await c.messageFlagsAdd("1:*", ["\\Flagged"]);
    } finally {
      lock.release();
    }
  });
  const changed = await page.request.get(url, { headers: { "If-None-Match": etag } });
  expect(changed.status()).toBe(200);
  expect(changed.headers()["etag"]).not.toBe(etag);
  expect(((await changed.json()) as { messages: { flagged: boolean }[] }).messages.every((m) => m.flagged)).toBe(true);
});

test("a folder the pointer rests on, or that gets keyboard focus, is asked for once; the switch then paints before any request", async ({ page }) => {
  const work = `Work ${Date.now().toString(36)}`;
  const { user, run } = await prepare(447, work, ["Standup notes", "Design review"]);
  const later = `${work} later`;
  await withImap(user, async (c) => {
    await c.mailboxCreate(later).catch(() => {});
  });
  await appendMessages(user, later, [mail(user.email, `Later one ${run}`, 5)], ["\\Seen"]);
  await signIn(page, user);
  const seen = recordApi(page);
  /** From now on the server is slow for this folder: what paints within 2 s came from the prefetch. */
  const slowFrom = async (folder: string) =>
    page.route((u) => u.pathname === "/api/messages" && u.searchParams.get("folder") === folder, async (route) => {
      await new Promise((r) => setTimeout(r, 3_000));
      await route.continue();
    });

  // Pointer resting (80 ms): one GET.
  await folderLink(page, `${work}$`).hover();
  await expect.poll(() => listRequests(seen, work).map((s) => s.status)).toEqual([200]);
  await slowFrom(work);
  await folderLink(page, `${work}$`).click();
  await expect(row(page, `Design review ${run}`)).toBeVisible({ timeout: 2_000 });
  // Then confirmed: an empty 304, since nothing changed.
  await expect.poll(() => listRequests(seen, work).map((s) => s.status), { timeout: 10_000 }).toEqual([200, 304]);
  expect(listRequests(seen, work)[1]?.ifNoneMatch).toBeTruthy();
  expect(seen.every((s) => s.method === "GET")).toBe(true);

  // Keyboard focus on the link: asked at once; Enter opens it from the tab's cache.
  await folderLink(page, later).focus();
  await expect.poll(() => listRequests(seen, later).map((s) => s.status)).toEqual([200]);
  await slowFrom(later);
  await page.keyboard.press("Enter");
  await expect(row(page, `Later one ${run}`)).toBeVisible({ timeout: 2_000 });
});

test("when idle after the first screen, Sent, Drafts, Archive and folders with unread mail are asked for, one at a time, at most four", async ({ page }) => {
  const user = testUser(448);
  await resetMailbox(user);
  const run = Date.now().toString(36);
  const extra = ["Alpha", "Bravo", "Charlie"].map((s) => `${s} ${run}`);
  await withImap(user, async (c) => {
    for (const f of extra) await c.mailboxCreate(f).catch(() => {});
  });
  await appendMessages(user, "INBOX", [mail(user.email, `Inbox ${run}`, 0)], ["\\Seen"]);
  for (const f of ["Sent", "Archive", ...extra]) await appendMessages(user, f, [mail(user.email, `In ${f} ${run}`, 1)], []);
  let inFlight = 0;
  let most = 0;
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname !== "/api/messages" || url.searchParams.get("folder") === "INBOX") return;
    asked.push(`${r.method()} ${url.searchParams.get("folder")}`);
    most = Math.max(most, ++inFlight);
  });
  const done = (r: Request) => {
    if (new URL(r.url()).pathname === "/api/messages" && new URL(r.url()).searchParams.get("folder") !== "INBOX") inFlight--;
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  await signIn(page, user);
  await expect.poll(() => asked.length, { timeout: 15_000 }).toBe(4);
  await page.waitForTimeout(1_500); // an absence check: the plan stops at four
  expect(asked).toHaveLength(4);
  expect(asked.slice(0, 2)).toEqual(["GET Sent", "GET Archive"]); // empty Drafts is skipped
  expect(asked.every((a) => a.startsWith("GET "))).toBe(true);
  expect(most).toBe(1);
  // A prefetch marks nothing read.
  await withImap(user, async (c) => {
    for (const f of ["Sent", "Archive", ...extra]) {
      const st = await c.status(f, { unseen: true });
      expect(st && st.unseen, f).toBe(1);
    }
  });
  // And the prefetched Archive paints from the tab's cache: on screen before any request could answer.
  await page.route("**/api/messages?folder=Archive*", async (route) => {
    await new Promise((r) => setTimeout(r, 3_000));
    await route.continue();
  });
  await folderLink(page, "Archive").click();
  await expect(row(page, `In Archive ${run}`)).toBeVisible({ timeout: 2_000 });
});

test("on a Save-Data connection nothing is asked for while idle", async ({ page }) => {
  const user = testUser(448);
  await resetMailbox(user);
  const run = Date.now().toString(36);
  await appendMessages(user, "Sent", [mail(user.email, `Sent ${run}`, 1)]);
  await page.addInitScript(() => Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true }));
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/messages" && url.searchParams.get("folder") !== "INBOX") asked.push(url.search);
  });
  await signIn(page, user);
  await page.waitForTimeout(6_000); // an absence check: the idle plan would have run by now (2 s + idle)
  expect(asked).toEqual([]);
});

test("the oldest page is asked for while the pointer rests on Oldest, and the jump then needs no request", async ({ page }) => {
  const user = testUser(447);
  await resetMailbox(user);
  const run = Date.now().toString(36);
  await appendMessages(user, "INBOX", Array.from({ length: 70 }, (_, i) => mail(user.email, `Paged ${String(i).padStart(2, "0")} ${run}`, i)), ["\\Seen"]);
  await signIn(page, user);
  await expect(row(page, `Paged 69 ${run}`)).toBeVisible();
  const seen = recordApi(page);
  const oldest = page.getByRole("button", { name: "Oldest", exact: true });
  await oldest.hover();
  await expect.poll(() => listRequests(seen, "INBOX", "oldest").map((s) => s.status)).toEqual([200]);
  await oldest.click();
  await expect(row(page, `Paged 00 ${run}`)).toBeVisible();
  await page.waitForTimeout(500); // an absence check: the jump took the prefetched answer
  expect(listRequests(seen, "INBOX", "oldest")).toHaveLength(1);
});

test("screenshots: a folder opened from a prefetch, at 390 and 1440 px, light and dark", async ({ page }) => {
  const shots = process.env.SHOTS_DIR ?? "/tmp/shots-switch";
  const folder = `Trips ${Date.now().toString(36)}`;
  const { user, run } = await prepare(446, folder, ["Train tickets", "Hotel booking", "Museum pass"]);
  await signIn(page, user);
  for (const width of [1440, 390]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/mail/INBOX");
      await expect(row(page, `Inbox two ${run}`)).toBeVisible();
      // On a phone the folder list is a pane of its own, opened from the list's header.
      if (width < 400) await page.getByRole("button", { name: /folders/i }).first().click();
      await folderLink(page, folder).focus();
      await page.keyboard.press("Enter");
      await expect(row(page, `Museum pass ${run}`)).toBeVisible();
      await page.screenshot({ path: `${shots}/switch-${width}-${scheme}.png` });
    }
  }
});
