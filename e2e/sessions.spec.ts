import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { resetMailbox, testUser } from "./helpers/imap";

// Sign-out ends the session everywhere: the live event stream, the API and the pages of every app
// process sharing the data directory, and the composer's copy in the browser. User t52 only.
const user = testUser(52);
const appPort = Number(process.env.APP_PORT ?? 3100);
const app = `http://127.0.0.1:${appPort}`;
// The third app of playwright.config.ts: another process on the same data directory and secret. It
// never sees the sign-out in memory; only the durable revocation can tell it.
const otherProcess = `http://127.0.0.1:${appPort + 2}`;

test.beforeAll(async () => {
  await resetMailbox(user);
});

test("sign-out ends the open event stream within seconds, refuses the copied cookie on another process, and removes composer drafts", async ({ page, context, browser }) => {
  await signIn(page, user);
  const oldCookies = await context.cookies();
  const cookie = oldCookies.map((c) => `${c.name}=${c.value}`).join("; ");

  // The other process accepts the session (and now holds it decoded in memory).
  expect((await fetch(`${otherProcess}/api/folders`, { headers: { cookie } })).status).toBe(200);

  // An event stream held open with this session, as another tab of the same browser would.
  const stream = await fetch(`${app}/api/events?folder=INBOX`, { headers: { cookie } });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  let received = "";
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Date.now();
      received += Buffer.from(value).toString("utf8");
    }
  })();
  await expect.poll(() => received).toContain(": open");

  // A draft in the composer: the browser keeps a copy in localStorage.
  await page.getByRole("button", { name: "Compose" }).click();
  await page.getByRole("dialog").getByLabel("Subject").fill("Private words from t52");
  const draftKeys = () => page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("mailroom.compose.")));
  await expect.poll(draftKeys).toEqual([`mailroom.compose.${user.email}`]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  const signedOutAt = Date.now();

  const endedAt = await Promise.race([ended, new Promise<number>((r) => setTimeout(() => r(-1), 15_000))]);
  expect(endedAt, "the event stream was still open 15 s after sign-out").toBeGreaterThan(0);
  expect(endedAt - signedOutAt).toBeLessThan(6_000);
  expect(received).toContain("event: session-ended");

  expect(await draftKeys()).toEqual([]);

  // The copied cookie: refused by this process and by the other one, API and pages alike.
  for (const origin of [app, otherProcess]) {
    const res = await fetch(`${origin}/api/folders`, { headers: { cookie } });
    expect(res.status, origin).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  }
  const replay = await browser.newContext();
  await replay.addCookies(oldCookies); // cookies ignore the port: the same cookie reaches both processes
  const replayPage = await replay.newPage();
  for (const origin of [app, otherProcess]) {
    await replayPage.goto(`${origin}/mail/INBOX`);
    await expect(replayPage, origin).toHaveURL(/\/login/);
  }
  await replay.close();
});
