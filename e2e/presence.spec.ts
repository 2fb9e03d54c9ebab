import { expect, test, type Page } from "@playwright/test";
import { appendMessages, resetMailbox, setAcl, subjectsIn, testUser, withImap } from "./helpers/imap";
import { signInAs } from "./helpers/session";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";
import { customerMail } from "./helpers/customer-mail";

// Many people in one mailbox: two browser contexts signed in to ONE account under different display
// names. Users t26–t28 are this spec's own.
const LIVE = { timeout: 8_000 };
const run = Date.now().toString(36);

const mk = (user: { email: string }, subject: string, i: number) => customerMail(user.email, subject, i, run, "presence");

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const row = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(`, ${subject}, `) });
const chips = (page: Page) => page.getByRole("status", { name: "Others on this message" });

async function uidOf(user: { email: string; password: string }, folder: string, subject: string): Promise<number | null> {
  return withImap(user, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const uids = await c.search({ subject }, { uid: true });
      return uids && uids.length ? uids[0]! : null;
    } finally {
      lock.release();
    }
  });
}

test.describe.configure({ mode: "serial" });

test("two people in one mailbox see each other, who is replying, who read it, and a reply made meanwhile", async ({ browser }) => {
  const user = testUser(26);
  await resetMailbox(user);
  const [uid] = await appendMessages(user, "INBOX", [mk(user, "Shared question", 1)]);
  await appendMessages(user, "INBOX", [mk(user, "Something else", 0)], ["\\Seen"]);

  const ana = await signInAs(browser, user, "Ana");
  const ben = await signInAs(browser, user, "Ben");
  expect(await (await ana.request.get("/api/account")).json()).toMatchObject({ email: user.email, displayName: "Ana" });

  // Ana opens the message: Ben's list marks the row, and once Ben opens it each sees the other.
  await row(ana, "Shared question").click();
  await expect(ana.getByRole("heading", { name: "Shared question" })).toBeVisible();
  await expect(row(ben, "Shared question")).toHaveAccessibleName(/Ana is viewing/, LIVE);
  const benOpenedAt = new Date().toISOString();
  await row(ben, "Shared question").click();
  await expect(chips(ben)).toContainText("Ana is also viewing", LIVE);
  await expect(chips(ana)).toContainText("Ben is also viewing", LIVE);

  // Ben starts a reply (the composer's usePresence(..., "replying") is this same request).
  const beat = await ben.request.post("/api/presence", { data: { folder: "INBOX", uid, activity: "replying", client: "composer" } });
  expect(beat.status()).toBe(200);
  const beatBody = await beat.json();
  expect(beatBody.people).toEqual([expect.objectContaining({ name: "Ana", uid, activity: "viewing" })]);
  expect(JSON.stringify(beatBody)).not.toMatch(/sid|sealed|password/i);
  await expect(chips(ana)).toContainText("Ben is replying", LIVE);
  await expect(chips(ana)).not.toContainText("Ben is also viewing");

  // The activity trail: both opened it; Ana's trail learns of Ben's read live.
  await ana.getByText("Activity", { exact: true }).click();
  const trail = ana.getByRole("list", { name: "Activity" });
  await expect(trail).toContainText("Read by Ben", LIVE);
  await expect(trail).toContainText("Read by you");

  // The collision guard: nothing yet for Ben (Ana only views) …
  const check = async (page: Page, since: string) => (await page.request.get(`/api/messages/${uid}/reply-check?folder=INBOX&since=${encodeURIComponent(since)}`)).json();
  expect(await check(ben, benOpenedAt)).toEqual({ answered: false, answeredSince: false, replying: [] });
  // … Ana replying shows up for Ben …
  await ana.request.post("/api/presence", { data: { folder: "INBOX", uid, activity: "replying", client: "composer" } });
  expect((await check(ben, benOpenedAt)).replying).toEqual(["Ana"]);
  // … and another mail client answering it after Ben opened it is reported from fresh FLAGS.
  await withImap(user, async (c) => {
    const lock = await c.getMailboxLock("INBOX");
    try {
      await c.messageFlagsAdd(String(uid), ["\\Answered"], { uid: true });
    } finally {
      lock.release();
    }
  });
  expect(await check(ben, benOpenedAt)).toMatchObject({ answered: true, answeredSince: true, replying: ["Ana"] });
  // An unknown open state plus the client's own word: answered=1 at open means no news.
  const stale = await (await ben.request.get(`/api/messages/${uid}/reply-check?folder=INBOX&since=${encodeURIComponent(benOpenedAt)}&answered=1`)).json();
  expect(stale.answeredSince).toBe(false);
  const bad = await ben.request.get(`/api/messages/${uid}/reply-check?folder=INBOX&since=yesterday`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ code: "BAD_REQUEST" });

  // Ana renames herself in the top bar; Ben sees the new name.
  await ana.request.post("/api/presence", { data: { folder: "INBOX", uid, activity: null, client: "composer" } });
  await ana.getByRole("button", { name: /^Your name: Ana/ }).click();
  await ana.getByRole("textbox", { name: "Your name (shown to colleagues)" }).fill("Ana K.");
  await ana.getByRole("button", { name: "Save" }).click();
  await expect(chips(ben)).toContainText("Ana K. is also viewing", LIVE);
  expect(await (await ana.request.get("/api/account")).json()).toMatchObject({ displayName: "Ana K." });

  // Ben leaves the message: Ana's chips empty.
  await ben.request.post("/api/presence", { data: { folder: "INBOX", uid, activity: null, client: "composer" } });
  await ben.goto("/mail/INBOX");
  await expect(chips(ana).getByText(/Ben is/)).toHaveCount(0, LIVE);

  await ana.context().close();
  await ben.context().close();
});

test("a message deleted by someone else while open says so", async ({ browser }) => {
  const user = testUser(27);
  await resetMailbox(user);
  const [uid] = await appendMessages(user, "INBOX", [mk(user, "Soon gone", 2)]);
  await appendMessages(user, "INBOX", [mk(user, "Stays", 1)]);

  const ana = await signInAs(browser, user, "Ana");
  const ben = await signInAs(browser, user, "Ben");
  // Ana's open is recorded (the open POST, sent once the body is on screen) before Ben deletes it.
  const opened = ana.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/messages/${uid}`);
  await row(ana, "Soon gone").click();
  await expect(ana.getByRole("heading", { name: "Soon gone" })).toBeVisible();
  expect((await opened).ok()).toBe(true);

  const res = await ben.request.post("/api/messages/actions", { data: { folder: "INBOX", uids: [uid], action: "delete" } });
  // The answer also carries the new UIDs in Trash (for Undo).
  expect(await res.json()).toMatchObject({ ok: true, destination: "Trash" });
  await expect(ana.getByText("This message was moved or deleted by someone else")).toBeVisible(LIVE);
  await expect(row(ana, "Soon gone")).toHaveCount(0, LIVE);

  // The trail followed it to Trash (keyed by Message-ID): Ben moved it there.
  const trashUid = await uidOf(user, "Trash", "Soon gone");
  expect(trashUid).not.toBeNull();
  const trail = await (await ben.request.get(`/api/messages/${trashUid}/activity?folder=Trash`)).json();
  expect(trail.entries).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: "read", actor: "Ana", self: false }),
      expect.objectContaining({ action: "deleted", actor: "Ben", self: true, target: "Trash" }),
    ]),
  );

  await ana.context().close();
  await ben.context().close();
});

test("two people moving the same message at once leave exactly one copy, without an error", async ({ browser }) => {
  const user = testUser(28);
  await resetMailbox(user);
  const ana = await signInAs(browser, user, "Ana");
  const ben = await signInAs(browser, user, "Ben");

  for (let round = 0; round < 3; round++) {
    const subject = `Race ${round}`;
    const [uid] = await appendMessages(user, "INBOX", [mk(user, subject, 10 + round)]);
    const body = { folder: "INBOX", uids: [uid], action: "move", target: "Archive" };
    const [a, b] = await Promise.all([ana.request.post("/api/messages/actions", { data: body }), ben.request.post("/api/messages/actions", { data: body })]);
    expect([a.status(), b.status()]).toEqual([200, 200]);
    const answers = [await a.json(), await b.json()];
    for (const r of answers) expect(r).toMatchObject({ ok: true, destination: "Archive" });
    // One of them moved it; the other is told it was already gone.
    expect(answers.map((r) => r.gone ?? 0).sort()).toEqual([0, 1]);
    expect((await subjectsIn(user, "Archive")).filter((s) => s === subject)).toHaveLength(1);
    expect((await subjectsIn(user, "INBOX")).filter((s) => s === subject)).toHaveLength(0);
  }

  // The second mover in the UI is told, rather than shown an error.
  const [uid] = await appendMessages(user, "INBOX", [mk(user, "Late mover", 20)]);
  await ana.goto(`/mail/INBOX?m=${uid}`);
  await expect(ana.getByRole("heading", { name: "Late mover" })).toBeVisible();
  await ben.request.post("/api/messages/actions", { data: { folder: "INBOX", uids: [uid], action: "move", target: "Archive" } });
  const late = await ana.request.post("/api/messages/actions", { data: { folder: "INBOX", uids: [uid], action: "move", target: "Archive" } });
  expect(await late.json()).toMatchObject({ ok: true, destination: "Archive", gone: 1 });
  expect((await subjectsIn(user, "Archive")).filter((s) => s === "Late mover")).toHaveLength(1);

  await ana.context().close();
  await ben.context().close();
});

test("in an ACL-shared folder the owner and a colleague see each other, and nobody else can listen in", async ({ browser }) => {
  const owner = testUser(30);
  const colleague = testUser(29);
  await resetMailbox(owner);
  await resetMailbox(colleague);
  await withImap(owner, (c) => c.mailboxCreate("Team").catch(() => undefined));
  await setAcl(owner, "Team", colleague.email, "lrs");
  const [uid] = await appendMessages(owner, "Team", [mk(owner, "Team question", 5)]);
  const sharedPath = `shared/${owner.email}/Team`;

  const olga = await signInAs(browser, owner, "Olga", { path: `/mail/Team?m=${uid}` });
  const carl = await signInAs(browser, colleague, "Carl", { path: `/mail/shared/${encodeURIComponent(owner.email)}/Team?m=${uid}` });
  await expect(olga.getByRole("heading", { name: "Team question" })).toBeVisible();
  await expect(carl.getByRole("heading", { name: "Team question" })).toBeVisible();
  await expect(chips(olga)).toContainText("Carl is also viewing", LIVE);
  await expect(chips(carl)).toContainText("Olga is also viewing", LIVE);

  // An account the folder is not shared with can neither join nor read the trail by naming the path.
  const outsider = await signInAs(browser, testUser(28), "Eve");
  const join = await outsider.request.post("/api/presence", { data: { folder: sharedPath, uid, activity: "viewing" } });
  expect(join.status()).toBe(404);
  expect(await join.json()).toMatchObject({ code: "NOT_FOUND" });
  await expect(chips(olga)).not.toContainText("Eve");

  for (const p of [olga, carl, outsider]) await p.context().close();
});

test("the reply composer shows '… is replying' to the others and asks before sending over someone else's reply", async ({ browser }) => {
  const user = testUser(27);
  const customer = testUser(28);
  await resetMailbox(user);
  const subject = `Refund please ${run}`;
  const original = plainMessage({
    from: { name: "Customer", address: customer.email },
    to: user.email,
    subject,
    date: new Date(SEED_EPOCH.getTime() + 5 * 60_000),
    text: "Where is my refund?",
    messageId: `<${run}.collision@presence.test>`,
  });
  await appendMessages(user, "INBOX", [original]);

  const ana = await signInAs(browser, user, "Ana");
  const ben = await signInAs(browser, user, "Ben");
  for (const p of [ana, ben]) {
    await row(p, subject).click();
    await expect(p.getByRole("heading", { name: subject })).toBeVisible();
  }

  // Ana opens a reply: Ben sees it in words.
  await ana.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(ana.getByRole("dialog").getByLabel("Subject")).toHaveValue(`Re: ${subject}`);
  await expect(chips(ben)).toContainText("Ana is replying", LIVE);

  // Ben replies too and sends first: Ana's reply in progress makes him confirm.
  await ben.getByRole("button", { name: "Reply", exact: true }).click();
  await ben.getByRole("dialog").getByRole("textbox", { name: "Message" }).click();
  await ben.keyboard.type("Ben here: refunded today.");
  await ben.getByRole("dialog").getByRole("button", { name: "Send" }).click();
  await expect(ben.getByRole("alertdialog")).toContainText("Ana is replying", LIVE);
  await ben.getByRole("alertdialog").getByRole("button", { name: "Send anyway" }).click();
  await expect(ben.getByRole("dialog")).toHaveCount(0, { timeout: 20_000 });

  // Ana's send stops at the warning; Cancel keeps her composer open and sends nothing.
  await ana.getByRole("dialog").getByRole("textbox", { name: "Message" }).click();
  await ana.keyboard.type("Ana here: looking into it.");
  await ana.getByRole("dialog").getByRole("button", { name: "Send" }).click();
  const warning = ana.getByRole("alertdialog");
  await expect(warning).toContainText(/Ben replied/, LIVE);
  await expect(warning).toContainText("Send anyway?");
  await warning.getByRole("button", { name: "Cancel" }).click();
  await expect(warning).toHaveCount(0);
  await expect(ana.getByRole("dialog").getByLabel("Subject")).toHaveValue(`Re: ${subject}`);
  expect((await subjectsIn(customer, "INBOX")).filter((s) => s === `Re: ${subject}`)).toHaveLength(1);

  // Choosing "Send anyway" sends it.
  await ana.getByRole("dialog").getByRole("button", { name: "Send" }).click();
  await ana.getByRole("alertdialog").getByRole("button", { name: "Send anyway" }).click();
  await expect(ana.getByRole("dialog")).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(async () => (await subjectsIn(customer, "INBOX")).filter((s) => s === `Re: ${subject}`).length, { timeout: 15_000 }).toBe(2);
});
