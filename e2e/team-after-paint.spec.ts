import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13: a folder switch is a click, and React runs a click's effects inside its task. The list's
 * team reads (assignees of the rows on screen, the folder list's team views) used to start there, in
 * front of the frame that shows the new rows; they now start after that frame. User t479 only.
 */

const from = { name: "Team Later", address: "team-later@example.test" };

test("a switch to a folder the tab has shown before asks for the rows' assignees and the team views only after the frame that shows the list", async ({ page }) => {
  const user = testUser(479);
  await resetMailbox(user);
  await withImap(user, (c) => c.mailboxCreate("Projects").catch(() => {}));
  const run = Date.now().toString(36);
  await appendMessages(user, "INBOX", [plainMessage({ from, to: user.email, subject: `Inbox letter ${run}`, date: SEED_EPOCH, text: "In the inbox." })], ["\\Seen"]);
  await appendMessages(user, "Projects", [plainMessage({ from, to: user.email, subject: `Project letter ${run}`, date: SEED_EPOCH, text: "In projects." })], ["\\Seen"]);

  await signIn(page, user);
  const list = page.getByRole("list", { name: "Message list" });
  const folder = (name: RegExp) => page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name });
  await expect(list.getByRole("button", { name: new RegExp(`Inbox letter ${run}`) })).toBeVisible();
  // Projects once and back: the tab now has its page, so the next switch renders inside the click's task.
  await folder(/^Projects/).click();
  await expect(list.getByRole("button", { name: new RegExp(`Project letter ${run}`) })).toBeVisible();
  await folder(/^Inbox/).click();
  await expect(list.getByRole("button", { name: new RegExp(`Inbox letter ${run}`) })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // The first animation frame after the click's task (registered before React's own click handler runs).
  await page.evaluate(() => {
    const w = window as unknown as { clickAt?: number; frameAt?: number };
    document.addEventListener(
      "click",
      () => {
        w.clickAt = performance.now();
        requestAnimationFrame(() => (w.frameAt = performance.now()));
      },
      { capture: true, once: true },
    );
  });
  const teamRows = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/team" && new URL(r.url()).searchParams.get("folder") === "Projects");
  const teamViews = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/team/views");
  await folder(/^Projects/).click();
  await expect(list.getByRole("button", { name: new RegExp(`Project letter ${run}`) })).toBeVisible();
  await Promise.all([teamRows, teamViews]);

  // A resource's timing entry is added once its body has been read: wait for both to be there.
  const read = () => page.evaluate(() => {
    const w = window as unknown as { clickAt?: number; frameAt?: number };
    const started = (path: string) =>
      (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((e) => new URL(e.name).pathname === path && e.startTime >= (w.clickAt ?? Infinity))
        .map((e) => e.startTime);
    return { clickAt: w.clickAt ?? null, frameAt: w.frameAt ?? null, rows: started("/api/team"), views: started("/api/team/views") };
  });
  await expect.poll(async () => {
    const t = await read();
    return t.rows.length > 0 && t.views.length > 0;
  }).toBe(true);
  const t = await read();
  expect(t.clickAt).not.toBeNull();
  expect(t.frameAt).not.toBeNull();
  expect(t.rows.length).toBeGreaterThan(0);
  expect(t.views.length).toBeGreaterThan(0);
  for (const start of [...t.rows, ...t.views]) expect(start).toBeGreaterThanOrEqual(t.frameAt!);
});
