import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { withImap } from "./helpers/imap";

const bulk = { email: "bulk@example.test", password: "mailroom-demo" };

test("a 10,000-message INBOX opens newest first and pages by UID while scrolling", async ({ page }) => {
  const { newest, older } = await withImap(bulk, async (c) => {
    const lock = await c.getMailboxLock("INBOX", { readOnly: true });
    try {
      const exists = c.mailbox ? c.mailbox.exists : 0;
      const first = await c.fetchOne(String(exists), { envelope: true, uid: true });
      const deep = await c.fetchOne(String(exists - 130), { envelope: true, uid: true });
      return { newest: (first && first.envelope?.subject) || "", older: (deep && deep.envelope?.subject) || "" };
    } finally {
      lock.release();
    }
  });
  const listRequests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/messages?")) listRequests.push(r.url());
  });
  await signIn(page, bulk);
  await expect(page.locator("[data-list-position]")).toHaveText(/ of 10,000$/);
  const list = page.getByRole("list", { name: "Message list" });
  await expect(list.getByRole("button").first()).toContainText(newest);

  // Scroll until a message from the third page is rendered.
  const escaped = older.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const target = list.getByRole("button", { name: new RegExp(`${escaped}(?!\\d)`) });
  for (let i = 0; i < 40 && !(await target.count()); i++) {
    await list.hover();
    await page.mouse.wheel(0, 2500);
    await target.first().waitFor({ timeout: 300 }).catch(() => {}); // on screen now, or scroll on
  }
  await expect(target.first()).toBeVisible();
  const pages = listRequests.map((u) => new URL(u).searchParams);
  expect(pages.some((p) => p.get("before"))).toBe(true);
  for (const p of pages) expect(Number(p.get("limit") ?? 50)).toBeLessThanOrEqual(200);
  expect(pages.length).toBeLessThan(10);
});
