import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { testUser } from "./helpers/imap";

// Issue 9 §9: at most 6 live-event streams per session. Read-only on t74's INBOX.
const user = testUser(74);

test("a 7th open tab closes the oldest tab's live stream with a reason, and that tab does not reconnect", async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const firstStreams: string[] = [];
  first.on("request", (r) => {
    if (r.url().includes("/api/events")) firstStreams.push(r.url());
  });
  await signIn(first, user);
  await expect.poll(() => firstStreams.length, { timeout: 15_000 }).toBe(1);
  const mailUrl = first.url();

  const others = [];
  for (let i = 0; i < 6; i++) {
    const p = await context.newPage();
    await p.goto(mailUrl);
    await expect(p.locator("html")).toHaveAttribute("data-live-synced", /\d+/, { timeout: 15_000 });
    others.push(p);
  }
  // The oldest stream was closed by the server with TOO_MANY_STREAMS; the page heard why.
  await expect(first.locator("html")).toHaveAttribute("data-live-closed", "TOO_MANY_STREAMS", { timeout: 10_000 });
  for (const p of others) expect(await p.locator("html").getAttribute("data-live-closed")).toBeNull();
  // EventSource would retry after 3 s: the page closed it instead, so no new stream in 5 s.
  await first.waitForTimeout(5_000);
  expect(firstStreams).toHaveLength(1);
  await context.close();
});
