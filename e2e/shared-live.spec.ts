import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { ImapFlow } from "imapflow";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, testUser, withImap, IMAP_PORT } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";
import { ImapFlow as Imap } from "imapflow";

/*
 * Shared mailboxes, live: ACL rights in the UI (t31 shares "Team" with t32 read-only, seeded by
 * scripts/seed.ts) and catching up after the IMAP connection drops (doveadm kick) or Dovecot restarts.
 * Users t31–t35 only.
 */
const owner = testUser(31);
const reader = testUser(32);
const TEAM = `shared/${owner.email}/Team`;
const DESK = `shared/${owner.email}/Desk`;

const LIVE = { timeout: 10_000 };
const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const nav = (page: Page) => page.getByRole("navigation", { name: "Folders" });
const toolbar = (page: Page) => page.getByRole("toolbar", { name: "Message actions" }).first();

test.describe.configure({ mode: "serial" });

test("a folder shared read-only shows under Shared, opens, and its forbidden actions are disabled and refused in words", async ({ page }) => {
  await signIn(page, reader);
  await expect(nav(page).getByRole("heading", { name: "Shared" })).toBeVisible();
  await nav(page).getByRole("link", { name: /^Team/ }).click();
  await expect(row(page, "Team: Rota for December")).toBeVisible();

  // Reading is allowed: the message opens.
  await row(page, "Team: Shared budget sheet").click();
  await expect(page.getByRole("heading", { name: "Team: Shared budget sheet" })).toBeVisible();

  // Flag, mark read/unread, delete are disabled with the reason; Move is off too.
  const bar = toolbar(page);
  await expect(bar.getByRole("note")).toContainText("Read-only");
  for (const name of ["Mark read", "Mark unread", "Flag", "Unflag", "Delete"]) {
    const button = bar.getByRole("button", { name, exact: true });
    await expect(button).toHaveAttribute("aria-disabled", "true");
    await expect(button).toHaveAttribute("title", "You have read-only access to this folder");
  }
  await expect(bar.getByRole("button", { name: "Move to…" })).toBeDisabled();
  await bar.getByRole("button", { name: "Flag", exact: true }).click({ force: true });
  await expect(page.getByRole("heading", { name: "Team: Shared budget sheet" })).toBeVisible();

  // A forced API call gets the server's refusal as JSON with words, and nothing changed on the server.
  const uid = await withImap(owner, async (c) => {
    const lock = await c.getMailboxLock("Team");
    try {
      return (await c.search({ subject: "Shared budget sheet" }, { uid: true })) || [];
    } finally {
      lock.release();
    }
  });
  expect(uid).toHaveLength(1);
  const act = (body: Record<string, unknown>) => page.request.post("/api/messages/actions", { data: { folder: TEAM, uids: uid, ...body } });
  for (const [body, words] of [
    [{ action: "flag" }, /You don't have permission to flag or unflag messages in this shared folder/],
    [{ action: "read" }, /mark messages read or unread in this shared folder/],
    [{ action: "move", target: "INBOX" }, /move messages out of this shared folder/],
    [{ action: "delete" }, /delete messages in this shared folder/],
  ] as const) {
    const res = await act(body);
    expect(res.status(), JSON.stringify(body)).toBe(403);
    const json = (await res.json()) as { code: string; message: string };
    expect(json.code).toBe("PERMISSION_DENIED");
    expect(json.message).toMatch(words);
  }
  const flags = await withImap(owner, async (c) => {
    const lock = await c.getMailboxLock("Team");
    try {
      const m = await c.fetchOne(String(uid[0]), { flags: true }, { uid: true });
      return (m && m.flags) || new Set<string>();
    } finally {
      lock.release();
    }
  });
  expect([...flags]).not.toContain("\\Flagged");
  expect(await withImap(owner, async (c) => ((await c.status("Team", { messages: true })) || { messages: 0 }).messages)).toBe(3);

  // A folder shared with more rights (lrswipte) keeps its actions; the read-only one is no move target.
  await nav(page).getByRole("link", { name: /^Desk/ }).click();
  await row(page, "Desk: note 1").click();
  await expect(toolbar(page).getByRole("button", { name: "Flag", exact: true })).not.toHaveAttribute("aria-disabled", "true");
  await expect(toolbar(page).getByRole("note")).toHaveCount(0);
  await toolbar(page).getByRole("button", { name: "Move to…" }).click();
  await expect(page.getByRole("menuitem", { name: /Team — shared by t31 \(read-only\)/ })).toBeDisabled();
  await page.keyboard.press("Escape");
});

// ---- reconnect and catch up ---------------------------------------------------------------------

const mk = (to: string, subject: string, i: number) =>
  plainMessage({ from: { name: "Live Test", address: "live@example.test" }, to, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });

function doveadm(args: string[]): string {
  const dir = process.env.MAILSTACK_DIR ?? path.resolve(__dirname, "..", ".mailstack-test");
  return execFileSync("doveadm", ["-c", `${dir}/dovecot/dovecot.conf`, ...args], { encoding: "utf8", env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` } });
}

function sessionsOf(email: string): number {
  return doveadm(["who", "-1"]).split("\n").filter((l) => l.startsWith(`${email} `) && /\bimap\b/.test(l)).length;
}

/** The live counters use-live-updates keeps on <html data-live-*>. */
async function liveCounters(page: Page) {
  return page.evaluate(() => {
    const d = document.documentElement.dataset;
    return { resyncs: Number(d.liveResyncs ?? 0), catchups: Number(d.liveCatchups ?? 0), synced: Number(d.liveSynced ?? 0), lastResync: d.liveLastResync ?? "" };
  });
}

async function openInbox(browser: Browser, user: { email: string; password: string }, firstSubject: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  await expect(row(page, firstSubject)).toBeVisible();
  // The stream is open and the watcher listens (its first "synced").
  await expect.poll(async () => (await liveCounters(page)).synced, { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
}

async function seedInbox(user: { email: string; password: string }): Promise<Record<string, number>> {
  await resetMailbox(user);
  const subjects = ["Keep me", "Flag me", "Expunge me"];
  const uids: Record<string, number> = {};
  for (const [i, s] of subjects.entries()) [uids[s]] = await appendMessages(user, "INBOX", [mk(user.email, s, i)], ["\\Seen"]);
  return uids;
}

/** Flags one message, expunges another and appends a third: what happens while the view is away. */
async function changeMeanwhile(c: ImapFlow, folder: string, uids: Record<string, number>, to: string): Promise<void> {
  const lock = await c.getMailboxLock(folder);
  try {
    await c.messageFlagsAdd(String(uids["Flag me"]), ["\\Flagged"], { uid: true });
    await c.messageDelete(String(uids["Expunge me"]), { uid: true });
  } finally {
    lock.release();
  }
  await c.append(folder, mk(to, "Arrived meanwhile", 9), []);
}

async function expectCaughtUp(page: Page, navigations: () => number) {
  await expect(row(page, "Arrived meanwhile")).toBeVisible(LIVE);
  await expect(row(page, "Flag me")).toHaveAccessibleName(/, flagged,/, LIVE);
  await expect(row(page, "Expunge me")).toHaveCount(0, LIVE);
  await expect(row(page, "Keep me")).toBeVisible();
  expect(navigations()).toBe(0);
}

type Counters = Awaited<ReturnType<typeof liveCounters>>;

/**
 * When the changes were done before the watcher was back (no new "synced" yet), only its QRESYNC
 * catch-up can have brought them. On a busy machine the watcher may win the race and see them live;
 * that is also no reload, and is noted rather than failed.
 */
function expectCatchUpCarried(before: Counters, mid: Counters, after: Counters, testInfo: { annotations: { type: string; description?: string }[] }) {
  console.log(`shared-live: ${mid.synced === before.synced ? "changes made while the watcher was away" : "watcher back before the changes"}; counters ${JSON.stringify({ before, mid, after })}`);
  if (mid.synced === before.synced) expect(after.catchups).toBeGreaterThan(before.catchups);
  else testInfo.annotations.push({ type: "note", description: "the watcher reconnected before the changes were made; they arrived live" });
}

/**
 * After a gap: the view shows every change without a reload, no "resync" (full reload) was needed, the
 * watcher synced again, and (when the changes beat its reconnect) the catch-up carried them.
 */
async function expectIncrementalCatchUp(page: Page, navigations: () => number, before: Counters, testInfo: { annotations: { type: string; description?: string }[] }) {
  const mid = await liveCounters(page);
  await expectCaughtUp(page, navigations);
  // The watcher's "synced" (after its reconnect) can land just after the list already shows the changes.
  await expect.poll(async () => (await liveCounters(page)).synced, { timeout: 10_000 }).toBeGreaterThan(before.synced);
  const after = await liveCounters(page);
  testInfo.annotations.push({ type: "live-counters", description: JSON.stringify({ before, after }) });
  expect(after.resyncs).toBe(before.resyncs);
  expectCatchUpCarried(before, mid, after, testInfo);
}

function countNavigations(page: Page): () => number {
  let n = 0;
  page.on("framenavigated", (f) => f === page.mainFrame() && n++);
  return () => n;
}

test("after the IMAP connection drops (doveadm kick), the open view catches up incrementally, without a reload", async ({ browser }, testInfo) => {
  const user = testUser(33);
  const outsider = testUser(34);
  const uids = await seedInbox(user);
  // t34 may change t33's INBOX through the ACL, so its session survives kicking t33's.
  await withImap(user, async (c) => {
    const exec = (c as unknown as { exec: (cmd: string, attrs: unknown[]) => Promise<{ next: () => void }> }).exec.bind(c);
    (await exec("SETACL", [{ type: "STRING", value: "INBOX" }, { type: "STRING", value: outsider.email }, { type: "STRING", value: "lrswipte" }])).next();
  });
  const page = await openInbox(browser, user, "Keep me");
  const navigations = countNavigations(page);
  const before = await liveCounters(page);

  const other = new Imap({ host: "127.0.0.1", port: IMAP_PORT, secure: false, auth: { user: outsider.email, pass: outsider.password }, logger: false });
  other.on("error", () => {});
  await other.connect();
  const shared = `shared/${user.email}/INBOX`;
  await other.mailboxOpen(shared);
  try {
    // The app's watcher reconnects about a second after its session ended; the changes land in that gap.
    doveadm(["kick", user.email]);
    for (let i = 0; i < 40 && sessionsOf(user.email) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await changeMeanwhile(other, shared, uids, user.email);
  } finally {
    await other.logout().catch(() => other.close());
  }
  await expectIncrementalCatchUp(page, navigations, before, testInfo);
  expect(await flagsOf(user, "INBOX", uids["Flag me"]!)).toContain("\\Flagged");
  await page.context().close();
});

test("after Dovecot restarts, the open view catches up with what changed meanwhile", async ({ browser }, testInfo) => {
  // A restart drops every IMAP session on the test stack, including those of specs running beside
  // this one; it runs only when this is the only worker (or when asked for).
  test.skip(testInfo.config.workers > 1 && process.env.E2E_DOVECOT_RESTART !== "1", "restarting Dovecot would disturb specs in the other worker; run with --workers=1 or E2E_DOVECOT_RESTART=1");
  const user = testUser(35);
  const uids = await seedInbox(user);
  const page = await openInbox(browser, user, "Keep me");
  const navigations = countNavigations(page);
  const before = await liveCounters(page);

  execFileSync("bash", [path.resolve(__dirname, "..", "scripts", "mail-stack.sh"), "restart-dovecot"], { env: process.env, stdio: "inherit" });
  // Right after the restart, before the watcher's next reconnect attempt (it backs off while Dovecot is down).
  await withImap(user, (c) => changeMeanwhile(c, "INBOX", uids, user.email));
  await expectIncrementalCatchUp(page, navigations, before, testInfo);
  await page.context().close();
});

/** Reads /api/events as a browser's EventSource does on reconnect, until the catch-up's "synced". */
async function reconnectStream(page: Page, lastEventId: string): Promise<{ type: string; uid?: number; uids?: number[]; flags?: string[]; reason?: string; catchup?: boolean; token?: string }[]> {
  const origin = new URL(page.url()).origin;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const abort = new AbortController();
  const res = await fetch(`${origin}/api/events?folder=INBOX`, { headers: { cookie, accept: "text/event-stream", "last-event-id": lastEventId }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { type: string; catchup?: boolean; reason?: string }[] = [];
  let buf = "";
  const deadline = Date.now() + 15_000;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const data = buf.slice(0, i).split("\n").find((l) => l.startsWith("data: "));
        buf = buf.slice(i + 2);
        if (data) events.push(JSON.parse(data.slice(6)));
      }
      if (events.some((e) => (e.type === "synced" && e.catchup) || e.type === "resync")) break;
    }
  } finally {
    abort.abort();
  }
  return events;
}

test("a browser that comes back with its last event id (a laptop waking up) gets only what changed meanwhile", async ({ page }) => {
  const user = testUser(35);
  const uids = await seedInbox(user);
  await signIn(page, user);
  await expect(row(page, "Keep me")).toBeVisible();
  const { token } = (await (await page.request.get("/api/messages?folder=INBOX&limit=50")).json()) as { token?: string };
  expect(token).toMatch(/^\d+:\d+$/);
  await page.goto("about:blank"); // the browser goes to sleep: no stream open

  await withImap(user, (c) => changeMeanwhile(c, "INBOX", uids, user.email));
  const newUid = Math.max(...Object.values(uids)) + 1;

  await page.goto("/login"); // same origin again, for the cookies
  const events = await reconnectStream(page, token!);
  expect(events.filter((e) => e.type === "resync")).toEqual([]);
  const caughtUp = events.filter((e) => e.catchup);
  expect(caughtUp).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: "vanished", uids: [uids["Expunge me"]] }),
      expect.objectContaining({ type: "flags", uid: uids["Flag me"], flags: expect.arrayContaining(["\\Flagged"]) }),
      expect.objectContaining({ type: "flags", uid: newUid }),
      expect.objectContaining({ type: "synced", token: expect.stringMatching(/^\d+:\d+$/) }),
    ]),
  );
  // "Keep me" did not change: it is not reported.
  expect(caughtUp.some((e) => e.uid === uids["Keep me"])).toBe(false);

  // A resume point from another UIDVALIDITY cannot be bridged: a full reload, said so.
  const stale = await reconnectStream(page, `1:${token!.split(":")[1]}`);
  expect(stale.find((e) => e.type === "resync")).toMatchObject({ reason: "uidvalidity" });
});
