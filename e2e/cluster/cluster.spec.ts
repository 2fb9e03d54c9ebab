import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { appendMessages, flagsOf, resetMailbox, testUser, withImap } from "../helpers/imap";
import { signInAs as signInPage } from "../helpers/session";
import { SEED_EPOCH } from "../../scripts/seed-lib";
import { customerMail } from "../helpers/customer-mail";

/*
 * Issue 11 point 10: two Mailroom instances behind HAProxy (round robin, no sticky sessions), started
 * by scripts/cluster.sh. Every response names its instance (X-Mailroom-Instance), so the tests can
 * put two people's live streams on different instances and check that what one does on one instance
 * reaches the other through the shared state. Users t206–t225 are the cluster suite's.
 */
const ROOT = path.resolve(__dirname, "..", "..");
/** Issue 11: live changes reach the other people within 1.5 s. */
const LIVE = { timeout: 1_500 };
const run = Date.now().toString(36);
const INSTANCE = "x-mailroom-instance";

const mk = (user: { email: string }, subject: string, i: number) => customerMail(user.email, subject, i, run, "cluster");

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const chips = (page: Page) => page.getByRole("status", { name: "Others on this message" });
const composer = (page: Page) => page.getByRole("dialog");

/** A person in a browser context of their own, with the instance serving each of their live streams. */
interface Person {
  page: Page;
  streams: string[];
}

async function signInAs(browser: Browser, user: { email: string; password: string }, name: string): Promise<Person> {
  const streams: string[] = [];
  const watch = (page: Page) =>
    page.on("response", (res) => {
      if (new URL(res.url()).pathname === "/api/events") streams.push(res.headers()[INSTANCE] ?? "?");
    });
  const page = await signInPage(browser, user, name, { onPage: watch });
  await expect.poll(() => streams.length, { timeout: 15_000 }).toBeGreaterThan(0);
  return { page, streams };
}

const streamInstance = (p: Person) => p.streams.at(-1)!;

/** Reloads until the person's live stream is served by another instance than `other` (round robin: a few tries). */
async function moveStreamAwayFrom(p: Person, other: string): Promise<void> {
  for (let i = 0; i < 8 && streamInstance(p) === other; i++) {
    const before = p.streams.length;
    await p.page.reload();
    await expect.poll(() => p.streams.length, { timeout: 15_000 }).toBeGreaterThan(before);
  }
  expect(streamInstance(p), "the two people's live streams should be on different instances").not.toBe(other);
}

/**
 * Sends a state change until HAProxy hands it to `instance` (the change must be idempotent); returns
 * the response. Without sticky sessions the next request goes to the next instance.
 */
async function postOn(page: Page, instance: string, url: string, data: unknown) {
  for (let i = 0; i < 8; i++) {
    const res = await page.request.post(url, { data });
    expect(res.status(), await res.text()).toBe(200);
    if (res.headers()[INSTANCE] === instance) return res;
  }
  throw new Error(`no request reached instance ${instance} in 8 tries`);
}

test.describe.configure({ mode: "serial" });

test("both instances answer behind HAProxy, in turn, with no sticky session", async ({ request }) => {
  const seen = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    seen.add(res.headers()[INSTANCE] ?? "?");
  }
  expect([...seen].sort()).toEqual(["a", "b"]);
  // The proxy compresses (config/haproxy/cluster.cfg); the instances themselves do not (next.config.js).
  const page = await request.get("/login", { headers: { "accept-encoding": "gzip" } });
  expect(page.status()).toBe(200);
  expect(page.headers()["content-encoding"]).toBe("gzip");
  expect(await page.text()).toContain("</html>");
});

test("two people on different instances see each other's presence and live changes within 1.5 s", async ({ browser }) => {
  const user = testUser(206);
  await resetMailbox(user);
  const [uid] = await appendMessages(user, "INBOX", [mk(user, "Cluster question", 1)]);
  await appendMessages(user, "INBOX", [mk(user, "Cluster other", 0)], ["\\Seen"]);

  const ana = await signInAs(browser, user, "Ana");
  const ben = await signInAs(browser, user, "Ben");
  await moveStreamAwayFrom(ben, streamInstance(ana));
  const [onAna, onBen] = [streamInstance(ana), streamInstance(ben)];
  await expect(row(ben.page, "Cluster question")).toBeVisible();

  // Presence made on Ana's instance reaches Ben's stream on the other one.
  await postOn(ana.page, onAna, "/api/presence", { folder: "INBOX", uid, activity: "viewing", client: "cluster-test" });
  await expect(row(ben.page, "Cluster question")).toHaveAccessibleName(/Ana is viewing/, LIVE);
  await row(ben.page, "Cluster question").click();
  await expect(ben.page.getByRole("heading", { name: "Cluster question" })).toBeVisible();
  await postOn(ana.page, onAna, "/api/presence", { folder: "INBOX", uid, activity: "replying", client: "cluster-test" });
  await expect(chips(ben.page)).toContainText("Ana is replying", LIVE);
  // And the other way round: Ben's presence, sent to Ben's instance, reaches Ana.
  await row(ana.page, "Cluster question").click();
  await postOn(ben.page, onBen, "/api/presence", { folder: "INBOX", uid, activity: "replying", client: "cluster-test" });
  await expect(chips(ana.page)).toContainText("Ben is replying", LIVE);

  // A change to the mail made through Ana's instance shows in Ben's list (his stream is on the other).
  await postOn(ana.page, onAna, "/api/messages/actions", { folder: "INBOX", uids: [uid], action: "flag" });
  await expect(row(ben.page, "Cluster question")).toHaveAccessibleName(/, flagged, /, LIVE);
  // The activity trail (shared durable data) shows Ben's read to Ana, whichever instance answers.
  await ana.page.getByText("Activity", { exact: true }).click();
  await expect(ana.page.getByRole("list", { name: "Activity" })).toContainText("Read by Ben");

  await ana.page.context().close();
  await ben.page.context().close();
});

test("assignments and notes made on one instance reach a colleague on the other within 1.5 s", async ({ browser }) => {
  const user = testUser(208);
  await resetMailbox(user);
  const [uid] = await appendMessages(user, "INBOX", [mk(user, "Cluster refund", 1)]);
  await appendMessages(user, "INBOX", [mk(user, "Cluster invoice", 0)]);

  // Bob signs in first and loads the list: he is someone "Assign" offers in this mailbox.
  const bob = await signInAs(browser, user, "Bob P");
  await expect(row(bob.page, "Cluster refund")).toBeVisible();
  const ana = await signInAs(browser, user, "Ana");
  await moveStreamAwayFrom(bob, streamInstance(ana));
  const onAna = streamInstance(ana);
  await expect(row(bob.page, "Cluster refund")).toBeVisible();
  // `has` is relative to the list item: the row's button, not a locator from the page's list.
  const bobRow = list(bob.page).getByRole("listitem").filter({ has: bob.page.getByRole("button", { name: /, Cluster refund, / }) });

  // In the UI, as a person does it: Ana assigns the message to Bob; Bob's row shows it.
  await row(ana.page, "Cluster refund").click();
  await ana.page.getByRole("button", { name: "Assign", exact: true }).click();
  await ana.page.getByRole("menu", { name: "Assign to" }).getByRole("menuitem", { name: "Bob P" }).click();
  await expect(ana.page.getByRole("status", { name: "Assignment" })).toContainText("Assigned to Bob P");
  await expect(bobRow.getByRole("img", { name: "Bob P" })).toBeVisible(LIVE);

  // Made on Ana's instance, seen on Bob's: unassign, then assign again.
  const members = (await (await ana.page.request.get("/api/team/members?folder=INBOX")).json()) as { members: { id: string; name: string }[] };
  const bobId = members.members.find((m) => m.name === "Bob P")!.id;
  await postOn(ana.page, onAna, `/api/messages/${uid}/assign`, { folder: "INBOX", assignee: null });
  await expect(bobRow.getByRole("img", { name: "Bob P" })).toHaveCount(0, LIVE);
  await postOn(ana.page, onAna, `/api/messages/${uid}/assign`, { folder: "INBOX", assignee: bobId });
  await expect(bobRow.getByRole("img", { name: "Bob P" })).toBeVisible(LIVE);

  // A note (not idempotent: sent once). Whichever instance takes it, one of the two people follows the
  // mailbox on the other instance, and both see the note live.
  await row(bob.page, "Cluster refund").click();
  await expect(bob.page.getByRole("status", { name: "Assignment" })).toContainText("Assigned to you");
  const res = await ana.page.request.post(`/api/messages/${uid}/notes`, { data: { folder: "INBOX", body: `Refund approved ${run}` } });
  expect(res.status(), await res.text()).toBe(201);
  expect([onAna, streamInstance(bob)]).toContain(res.headers()[INSTANCE]);
  await expect(bob.page.getByRole("list", { name: "Notes" }).getByRole("listitem", { name: "Note by Ana" })).toContainText(`Refund approved ${run}`, LIVE);
  await expect(ana.page.getByRole("list", { name: "Notes" }).getByRole("listitem", { name: "Note by you" })).toContainText(`Refund approved ${run}`, LIVE);

  await ana.page.context().close();
  await bob.page.context().close();
});

/** How many "read" lines of the reader's own the message's trail holds, as the server answers it. */
async function ownReads(page: Page, uid: number): Promise<number> {
  const res = await page.request.get(`/api/messages/${uid}/activity?folder=INBOX`);
  const { entries } = (await res.json()) as { entries: { action: string; self: boolean }[] };
  return entries.filter((e) => e.action === "read" && e.self).length;
}

test("an instance killed with SIGKILL: its people carry on on the other after a reload, signed in, nothing lost", async ({ browser }) => {
  const user = testUser(207);
  await resetMailbox(user);
  const [uid] = await appendMessages(user, "INBOX", [mk(user, "Survives a crash", 1)]);
  const subject = `Cluster draft ${run}`;

  const ana = await signInAs(browser, user, "Ana");
  const page = ana.page;
  // A flag, a trail entry and a draft saved to the server, before the crash.
  await row(page, "Survives a crash").click();
  await expect(page.getByRole("heading", { name: "Survives a crash" })).toBeVisible();
  await page.getByRole("button", { name: "Flag", exact: true }).click();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uid!))?.has("\\Flagged")).toBe(true);
  // The trail, from the server (the page shows a trail only once someone else is in it).
  await expect.poll(() => ownReads(page, uid!)).toBeGreaterThanOrEqual(1);
  await page.getByRole("button", { name: "Compose" }).click();
  await composer(page).getByLabel("Subject").fill(subject);
  await composer(page).getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("Written before the crash");
  await expect(composer(page).getByTestId("save-state")).toHaveText("Saved", { timeout: 15_000 });

  // SIGKILL the instance serving Ana's live stream: no drain, no goodbye.
  const victim = streamInstance(ana);
  execFileSync("bash", ["scripts/cluster.sh", "kill", victim], { cwd: ROOT, env: process.env, stdio: "inherit" });

  await page.reload();
  await expect(page).toHaveURL(/\/mail\//); // still signed in: not sent to /login
  await expect(composer(page).getByRole("textbox", { name: "Message" })).toContainText("Written before the crash", { timeout: 15_000 });
  await composer(page).getByRole("button", { name: "Close and keep as draft" }).click();
  await expect(row(page, "Survives a crash")).toHaveAccessibleName(/, flagged, /);
  await expect.poll(() => streamInstance(ana), { timeout: 15_000 }).not.toBe(victim);
  await row(page, "Survives a crash").click();
  await expect(page.getByRole("heading", { name: "Survives a crash" })).toBeVisible();
  expect(await ownReads(page, uid!)).toBeGreaterThanOrEqual(1);
  // The draft is on the server, once.
  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Drafts/ }).click();
  await expect(list(page).getByRole("button", { name: new RegExp(subject) })).toHaveCount(1);
  // And work goes on: unflag on the surviving instance, checked on the server.
  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Inbox/ }).click();
  await row(page, "Survives a crash").click();
  await page.getByRole("button", { name: "Unflag", exact: true }).click();
  await expect.poll(async () => (await flagsOf(user, "INBOX", uid!))?.has("\\Flagged")).toBe(false);
  await withImap(user, async (c) => {
    const s = await c.status("Drafts", { messages: true });
    expect(s && s.messages).toBe(1);
  });
  await page.context().close();
});
