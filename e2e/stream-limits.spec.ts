import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { testUser } from "./helpers/imap";

// Issue 9 §9: at most 6 live-event streams per session. Read-only on t74's INBOX.
const user = testUser(74);

test("a 7th live view of one session closes the oldest one's stream with a reason, and that view does not reconnect", async ({ browser }) => {
  // Seven page loads and a 5 s absence check: ~35 s on a busy CI machine, close to the 60 s default.
  test.setTimeout(120_000);
  // One session (the same cookie) in separate browser contexts: a single context would hit the
  // browser's own 6-connections-per-host limit before the server's.
  const signInContext = await browser.newContext();
  const login = await signInContext.newPage();
  await signIn(login, user);
  const mailUrl = login.url();
  const state = await signInContext.storageState();
  await signInContext.close();

  const contexts = await Promise.all(Array.from({ length: 7 }, () => browser.newContext({ storageState: state })));
  const pages: Page[] = [];
  const firstStreams: string[] = [];
  for (let i = 0; i < 7; i++) {
    const p = await contexts[i]!.newPage();
    if (i === 0) p.on("request", (r) => void (r.url().includes("/api/events") && firstStreams.push(r.url())));
    await p.goto(mailUrl);
    await expect(p.locator("html")).toHaveAttribute("data-live-synced", /\d+/, { timeout: 20_000 });
    pages.push(p);
  }
  // The oldest stream was closed by the server with TOO_MANY_STREAMS; the page heard why.
  await expect(pages[0]!.locator("html")).toHaveAttribute("data-live-closed", "TOO_MANY_STREAMS", { timeout: 10_000 });
  await expect(pages[0]!.getByRole("status")).toContainText("live updates stopped in this one");
  for (const p of pages.slice(1)) expect(await p.locator("html").getAttribute("data-live-closed")).toBeNull();
  // EventSource would retry after 3 s: the page closed it instead, so no new stream in 5 s.
  const before = firstStreams.length;
  await pages[0]!.waitForTimeout(5_000);
  expect(firstStreams.length).toBe(before);
  expect(before).toBe(1);
  await Promise.all(contexts.map((c) => c.close()));
});
