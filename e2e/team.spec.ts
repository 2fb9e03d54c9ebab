import { expect, test, type Page } from "@playwright/test";
import { appendMessages, resetMailbox, setAcl, testUser, withImap } from "./helpers/imap";
import { signInAs } from "./helpers/session";
import { SEED_EPOCH } from "../scripts/seed-lib";
import { customerMail } from "./helpers/customer-mail";

// Team work in a shared mailbox (issue 11, points 1–5): assign, views, notes, mentions, a move, the
// trail and the collision guard, with two browser contexts and two display names. Users t121–t123.
const LIVE = { timeout: 8_000 };
const run = Date.now().toString(36);
// Folders of this run only: team data is kept by Mailroom per mailbox, and outlives a mailbox reset.
const QUEUE = `Queue-${run}`;
const DONE = `Done-${run}`;
const DESK = `Desk-${run}`;
const at = (folder: string) => `/mail/${folder.split("/").map(encodeURIComponent).join("/")}`;

const mk = (to: string, subject: string, i: number) => customerMail(to, subject, i, run, "team");

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("listitem").filter({ has: page.getByRole("button", { name: new RegExp(`, ${subject}, `) }) });
const rowButton = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const assignment = (page: Page) => page.getByRole("status", { name: "Assignment" });
const notes = (page: Page) => page.getByRole("list", { name: "Notes" });
const views = (page: Page, folder: string) => page.getByRole("group", { name: `Team views of ${folder}` });
// A desk-sized window in the light scheme (the screenshots), or a phone's width.
const screen = (width = 1440) => ({ colorScheme: "light" as const, viewport: { width, height: 900 } });

test.describe.configure({ mode: "serial" });
// Several people sign in and act in turn, each step waiting for the others' live views.
test.setTimeout(150_000);

test("one shared login, two people: assign live, views and counts, notes with a mention, trail, guard, and a move", async ({ browser }, testInfo) => {
  const user = testUser(121);
  await resetMailbox(user);
  await withImap(user, async (c) => {
    await c.mailboxCreate(QUEUE);
    await c.mailboxCreate(DONE);
  });
  await appendMessages(user, QUEUE, [mk(user.email, "Refund request", 2), mk(user.email, "Invoice copy", 1), mk(user.email, "Hello there", 0)]);

  // Bob signs in first and loads the list: he is now someone "Assign" offers in this mailbox.
  const bob = await signInAs(browser, user, "Bob P", { path: at(QUEUE), context: screen() });
  await expect(rowButton(bob, "Refund request")).toBeVisible();
  const ana = await signInAs(browser, user, "Ana", { path: at(QUEUE), context: screen() });

  // Ana assigns "Refund request" to Bob.
  await rowButton(ana, "Refund request").click();
  await expect(ana.getByRole("heading", { name: "Refund request" })).toBeVisible();
  await expect(assignment(ana)).toContainText("Not assigned");
  await ana.getByRole("button", { name: "Assign", exact: true }).click();
  await ana.getByRole("menu", { name: "Assign to" }).getByRole("menuitem", { name: "Bob P" }).click();
  await expect(assignment(ana)).toContainText("Assigned to Bob P", LIVE);

  // Bob sees it at once on the row (an avatar named "Bob P"), and the views with counts.
  await expect(row(bob, "Refund request").getByRole("img", { name: "Bob P" })).toBeVisible(LIVE);
  await expect(rowButton(bob, "Refund request")).toHaveAccessibleName(/assigned to you/);
  await expect(row(bob, "Invoice copy").getByRole("img", { name: "Bob P" })).toHaveCount(0);
  const bobViews = views(bob, QUEUE);
  await expect(bobViews.getByRole("button", { name: /Assigned to me/ }).getByRole("img", { name: "1 message" })).toBeVisible(LIVE);
  await expect(bobViews.getByRole("button", { name: /Unassigned/ }).getByRole("img", { name: "2 messages" })).toBeVisible();

  // A note with a mention: Bob's "Assigned to me" gets a badge, live.
  await ana.getByRole("textbox", { name: "Add a note" }).fill("@Bob P can you check the refund?");
  await ana.getByRole("button", { name: "Add note" }).click();
  await expect(notes(ana)).toContainText("can you check the refund?", LIVE);
  await expect(ana.getByRole("textbox", { name: "Add a note" })).toHaveValue("");
  await expect(bobViews.getByRole("img", { name: "1 mention" })).toBeVisible(LIVE);

  // The views filter the list.
  await bobViews.getByRole("button", { name: /Assigned to me/ }).click();
  await expect(list(bob).getByRole("listitem")).toHaveCount(1);
  await expect(rowButton(bob, "Refund request")).toBeVisible();
  await bobViews.getByRole("button", { name: /Unassigned/ }).click();
  await expect(list(bob).getByRole("listitem")).toHaveCount(2);
  await expect(rowButton(bob, "Refund request")).toHaveCount(0);
  await bobViews.getByRole("button", { name: /Unassigned/ }).click();
  await expect(list(bob).getByRole("listitem")).toHaveCount(3);

  // Bob opens it: "Assigned to you", Ana's note (not his to edit), and the mention badge clears.
  // Clicked on the sender, clear of the row's hover actions (they sit over its right half).
  await rowButton(bob, "Refund request").click({ position: { x: 24, y: 20 } });
  await expect(assignment(bob)).toContainText("Assigned to you", LIVE);
  const anaNote = notes(bob).getByRole("listitem", { name: "Note by Ana" });
  await expect(anaNote).toContainText("can you check the refund?");
  await expect(anaNote.getByRole("button", { name: "Edit note" })).toHaveCount(0);
  await expect(anaNote.getByRole("button", { name: "Delete note" })).toHaveCount(0);
  await expect(bobViews.getByRole("img", { name: /mention/ })).toHaveCount(0, LIVE);

  // Ana edits her note: Bob sees the new text live; then she deletes it.
  const mine = notes(ana).getByRole("listitem", { name: "Note by you" });
  await mine.getByRole("button", { name: "Edit note" }).click();
  await mine.getByRole("textbox", { name: "Edit note" }).fill("Refund approved, @Bob P please reply.");
  await mine.getByRole("button", { name: "Save note" }).click();
  await expect(anaNote).toContainText("Refund approved", LIVE);
  await expect(anaNote).toContainText("(edited)");

  // Bob adds his own note; both see it.
  await bob.getByRole("textbox", { name: "Add a note" }).fill("On it.");
  await bob.getByRole("button", { name: "Add note" }).click();
  await expect(notes(ana).getByRole("listitem", { name: "Note by Bob P" })).toContainText("On it.", LIVE);

  // The trail says who assigned and who added notes.
  await ana.getByText("Activity", { exact: true }).click();
  const trail = ana.getByRole("list", { name: "Activity" });
  await expect(trail).toContainText("You assigned this to Bob P", LIVE);
  await expect(trail).toContainText("Bob P added a note", LIVE);
  await bob.getByText("Activity", { exact: true }).click();
  await expect(bob.getByRole("list", { name: "Activity" })).toContainText("Ana assigned this to Bob P");
  await expect(bob.getByRole("list", { name: "Activity" })).toContainText("Ana added a note");

  // Screenshots of the new UI (the reading pane with assignment and notes, the Team views).
  await ana.screenshot({ path: testInfo.outputPath("team-light-1440.png") });
  await bob.emulateMedia({ colorScheme: "dark" });
  await bob.screenshot({ path: testInfo.outputPath("team-dark-1440.png") });

  // The collision guard: Ana replying to Bob's message is asked first.
  await ana.getByRole("button", { name: "Reply", exact: true }).click();
  await ana.getByRole("dialog").getByRole("textbox", { name: "Message" }).click();
  await ana.keyboard.type("Ana here.");
  await ana.getByRole("dialog").getByRole("button", { name: "Send" }).click();
  const warning = ana.getByRole("alertdialog");
  await expect(warning).toContainText("This is assigned to Bob P. Reply anyway?", LIVE);
  await warning.getByRole("button", { name: "Cancel" }).click();
  await expect(warning).toHaveCount(0);
  await ana.getByRole("dialog").getByRole("button", { name: "Close and keep as draft" }).click();
  await expect(ana.getByRole("dialog")).toHaveCount(0, { timeout: 15_000 });

  // Ana deletes her own note: gone for Bob too.
  await notes(ana).getByRole("listitem", { name: "Note by you" }).getByRole("button", { name: "Delete note" }).click();
  await expect(notes(bob).getByRole("listitem", { name: "Note by Ana" })).toHaveCount(0, LIVE);

  // A move takes the assignment and notes along: Archive shows them, Inbox's counts drop.
  const uid = Number(new URL(bob.url()).searchParams.get("m"));
  const moved = await bob.request.post("/api/messages/actions", { data: { action: "move", folder: QUEUE, uids: [uid], target: DONE }, headers: { Origin: new URL(bob.url()).origin } });
  expect(moved.status()).toBe(200);
  await expect(rowButton(ana, "Refund request")).toHaveCount(0, LIVE);
  await bob.goto(at(DONE));
  await rowButton(bob, "Refund request").click();
  await expect(assignment(bob)).toContainText("Assigned to you", LIVE);
  await expect(notes(bob).getByRole("listitem", { name: "Note by you" })).toContainText("On it.");
  await expect(views(bob, DONE).getByRole("button", { name: /Assigned to me/ }).getByRole("img", { name: "1 message" })).toBeVisible(LIVE);
  await expect(views(bob, QUEUE)).toHaveCount(0);

  // Phones: the same pane at 390 px, light and dark.
  const phone = await signInAs(browser, user, "Bob P", { path: at(DONE), context: screen(390) });
  await rowButton(phone, "Refund request").click();
  await expect(assignment(phone)).toContainText("Assigned to you", LIVE);
  await phone.screenshot({ path: testInfo.outputPath("team-light-390.png"), fullPage: true });
  await phone.emulateMedia({ colorScheme: "dark" });
  await phone.screenshot({ path: testInfo.outputPath("team-dark-390.png"), fullPage: true });
});

test("an ACL-shared folder: the owner and a colleague on their own logins assign and write notes live", async ({ browser }) => {
  const owner = testUser(122);
  const colleague = testUser(123);
  await resetMailbox(owner);
  await resetMailbox(colleague);
  await withImap(owner, async (c) => {
    await c.mailboxCreate(DESK);
  });
  await appendMessages(owner, DESK, [mk(owner.email, "Desk ticket", 1), mk(owner.email, "Desk other", 0)]);
  await setAcl(owner, DESK, colleague.email, "lrswipte");
  const sharedPath = `shared/${owner.email}/${DESK}`;

  const pete = await signInAs(browser, colleague, "Pete", { path: at(sharedPath), context: screen() });
  await expect(rowButton(pete, "Desk ticket")).toBeVisible();
  const olga = await signInAs(browser, owner, "Olga", { path: at(DESK), context: screen() });

  // Olga (owner) assigns to Pete, who works in it from his own login.
  await rowButton(olga, "Desk ticket").click();
  await olga.getByRole("button", { name: "Assign", exact: true }).click();
  await olga.getByRole("menu", { name: "Assign to" }).getByRole("menuitem", { name: "Pete" }).click();
  await expect(assignment(olga)).toContainText("Assigned to Pete", LIVE);
  await expect(row(pete, "Desk ticket").getByRole("img", { name: "Pete" })).toBeVisible(LIVE);

  await rowButton(pete, "Desk ticket").click();
  await expect(assignment(pete)).toContainText("Assigned to you", LIVE);
  await pete.getByRole("textbox", { name: "Add a note" }).fill("@Olga I'll call them.");
  await pete.getByRole("button", { name: "Add note" }).click();
  await expect(notes(olga).getByRole("listitem", { name: "Note by Pete" })).toContainText("I'll call them.", LIVE);

  // Pete unassigns: Olga sees it at once.
  await pete.getByRole("button", { name: "Assign", exact: true }).click();
  await pete.getByRole("menuitem", { name: "Unassign" }).click();
  await expect(assignment(olga)).toContainText("Not assigned", LIVE);

  // Someone without access to the folder reads nothing of it.
  const outsider = await signInAs(browser, testUser(121), "Mallory", { context: screen() });
  const res = await outsider.request.get(`/api/messages/1/notes?folder=${encodeURIComponent(sharedPath)}`);
  expect(res.status()).toBeGreaterThanOrEqual(400);
  expect(res.status()).toBeLessThan(500);
});

test("in a mailbox nobody else works in, no Assign line and no trail of one's own reads stand above the body; notes stay", async ({ browser }) => {
  const user = testUser(456);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [mk(user.email, "Just mine", 1), mk(user.email, "Also mine", 0)]);
  const me = await signInAs(browser, user, "Solo", { context: screen() });
  await rowButton(me, "Just mine").click();
  await expect(me.getByRole("heading", { name: "Just mine" })).toBeVisible();
  // The pane's team parts have loaded: the notes box below the body is there.
  await expect(me.getByRole("textbox", { name: /note/i })).toBeVisible();
  // Its read is in the trail on the server before the person moves on: the mark-read POST leaves after the
  // frame that shows the message, and on a busy machine it may still be on its way at the next click.
  await expect(me).toHaveURL(/[?&]m=\d+/);
  const justMine = new URL(me.url()).searchParams.get("m");
  await expect
    .poll(async () => ((await (await me.request.get(`/api/messages/${justMine}/activity?folder=INBOX`)).json()) as { entries: { self: boolean }[] }).entries.some((e) => e.self))
    .toBe(true);
  await rowButton(me, "Also mine").click();
  await expect(me.getByRole("heading", { name: "Also mine" })).toBeVisible();
  await expect(me.getByRole("textbox", { name: /note/i })).toBeVisible();
  // Back to the first, now read by this person (a trail entry of their own): still nothing above the body.
  // This message's trail: the one of "Also mine", asked after its own paint, can still be on its way.
  const trail = me.waitForResponse((r) => new URL(r.url()).pathname === `/api/messages/${justMine}/activity`);
  const people = me.waitForResponse((r) => new URL(r.url()).pathname === "/api/team/members" && r.request().method() === "GET");
  await rowButton(me, "Just mine").click();
  await expect(me.getByRole("heading", { name: "Just mine" })).toBeVisible();
  await expect(me.getByRole("textbox", { name: /note/i })).toBeVisible();
  // Both answered (the trail holds this person's read; the Assign list only them) and were rendered.
  expect(((await (await trail).json()) as { entries: { self: boolean }[] }).entries.some((e) => e.self)).toBe(true);
  expect(((await (await people).json()) as { members: unknown[] }).members).toHaveLength(1);
  await me.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(assignment(me)).toHaveCount(0);
  await expect(me.getByRole("button", { name: "Assign", exact: true })).toHaveCount(0);
  await expect(me.getByText("Activity", { exact: true })).toHaveCount(0);
  await me.context().close();

  // Signed in again (another session, the same name): those reads are still this person's own.
  const again = await signInAs(browser, user, "Solo", { context: screen() });
  const trailAgain = again.waitForResponse((r) => /\/api\/messages\/\d+\/activity/.test(new URL(r.url()).pathname));
  await rowButton(again, "Just mine").click();
  await expect(again.getByRole("textbox", { name: /note/i })).toBeVisible();
  const entries = ((await (await trailAgain).json()) as { entries: { self: boolean; actor: string }[] }).entries;
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.every((e) => e.self && e.actor === "Solo")).toBe(true);
  await again.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(again.getByText("Activity", { exact: true })).toHaveCount(0);
  await again.context().close();
});
