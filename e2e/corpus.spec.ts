import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { loadCorpus, type CorpusEntry } from "./corpus/load";

/** Every body frame on the page is as tall as its content (the frames report their size after load). */
async function bodyFramesSized(page: Page) {
  await expect.poll(async () => {
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    const fitted = await Promise.all(frames.map((f) => f.evaluate(() => Math.abs(window.innerHeight - Math.ceil(document.documentElement.getBoundingClientRect().height)) <= 2).catch(() => false)));
    return frames.length > 0 && fitted.every(Boolean);
  }, { timeout: 15_000 }).toBe(true);
}

// Issue 10, "Proof": every corpus message (e2e/corpus/messages, expectations beside each .eml) opened in the real UI,
// checked through what a person sees: the subject heading, text in the pane and inside the body frames, the attachment
// list, the warnings, the invitation card. Two users share the corpus so the two workers read it side by side.
const corpus = loadCorpus();
const SHARDS = 2;
const users = Array.from({ length: SHARDS }, (_, i) => testUser(101 + i));
const shard = (i: number) => corpus.filter((_, k) => k % SHARDS === i);

const norm = (s: string) => s.replace(/\s+/g, " ").trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** All text a person can see in the reading pane: the pane itself and every body frame in it. */
async function seenText(pane: Locator): Promise<string> {
  const parts = [await pane.innerText()];
  const frames = pane.locator("iframe");
  for (let i = 0, n = await frames.count(); i < n; i++) {
    parts.push(await (await frames.nth(i).contentFrame()).locator("body").innerText({ timeout: 2_000 }).catch(() => ""));
  }
  return norm(parts.join("\n"));
}

/** Records what the app itself complains about while a message is open: page errors, console errors, 5xx answers. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}

async function openByUid(page: Page, uid: number): Promise<Locator> {
  await page.goto(`/mail/INBOX?m=${uid}`);
  const pane = page.getByRole("region", { name: "Message", exact: true });
  await expect(pane.getByRole("heading", { level: 2 }).or(pane.getByRole("button", { name: "Try again" })).first()).toBeVisible({ timeout: 20_000 });
  return pane;
}

async function checkMessage(page: Page, pane: Locator, entry: CorpusEntry) {
  const { expect: e, id } = entry;
  const soft = expect.configure({ soft: true, timeout: 8_000 });
  soft(await pane.getByRole("button", { name: "Try again" }).count(), `${id}: error page`).toBe(0);
  if (e.subject !== undefined) await soft(pane.getByRole("heading", { level: 2 }), `${id}: subject`).toHaveText(norm(e.subject));
  const wanted = (e.visible ?? []).map(norm);
  if (wanted.length) {
    await soft
      .poll(async () => {
        const seen = await seenText(pane);
        return wanted.filter((w) => !seen.includes(w));
      }, { message: `${id}: visible text missing`, timeout: 8_000 })
      .toEqual([]);
  }
  if (e.notVisible?.length) {
    const seen = await seenText(pane);
    soft(e.notVisible.map(norm).filter((w) => seen.includes(w)), `${id}: text that must not be visible`).toEqual([]);
  }
  for (const name of e.attachments ?? []) {
    const link = pane.getByRole("link", { name: new RegExp(`^Download ${escape(name)},`) }).first();
    await soft(link, `${id}: attachment ${JSON.stringify(name)}`).toBeVisible();
    // Names that try to lie: the file saved must carry the same cleaned name as the list shows.
    if (id.startsWith("own-names/") && (await link.count())) {
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      soft(download.suggestedFilename(), `${id}: downloaded name`).toBe(name);
    }
  }
  for (const w of e.warnings ?? []) await soft(pane.getByText(w).first(), `${id}: warning`).toBeVisible();
  if (e.invite) await soft(pane.getByRole("region", { name: e.invite }).first(), `${id}: invitation card`).toBeVisible();
}

test.describe.configure({ mode: "parallel" });
test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

for (let i = 0; i < SHARDS; i++) {
  test(`corpus part ${i + 1}/${SHARDS}: every message shows what it must`, async ({ page }) => {
    const entries = shard(i);
    test.setTimeout(60_000 + entries.length * 6_000);
    await resetMailbox(users[i]!);
    const uids = await appendMessages(users[i]!, "INBOX", entries.map((m) => m.raw));
    expect(uids).toHaveLength(entries.length);
    const problems = watchProblems(page);
    await signIn(page, users[i]!);
    for (const [k, entry] of entries.entries()) {
      const before = problems.length;
      const pane = await openByUid(page, uids[k]!);
      await checkMessage(page, pane, entry);
      for (const p of problems.slice(before)) expect.soft(p, `${entry.id}: ${p}`).toBe("");
    }
  });
}

// Proof screenshots (not committed): CORPUS_SCREENSHOTS=<dir> npx playwright test e2e/corpus.spec.ts -g screenshots
const shotDir = process.env.CORPUS_SCREENSHOTS;
test("screenshots of a newsletter, a forwarded chain, an Arabic message and an invite", async ({ browser }) => {
  test.skip(!shotDir, "set CORPUS_SCREENSHOTS=<dir> to take the proof screenshots");
  test.setTimeout(180_000);
  mkdirSync(shotDir!, { recursive: true });
  const user = testUser(104);
  const picks = ["own-newsletters/wide-1200", "own-forwarded/nested-3", "own-bidi/arabic-html", "own-calendar/invite-1"].map((id) => corpus.find((c) => c.id === id)!);
  await resetMailbox(user);
  const uids = await appendMessages(user, "INBOX", picks.map((p) => p.raw));
  for (const width of [390, 1440]) {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme, timezoneId: "Europe/Berlin" });
      const page = await context.newPage();
      await signIn(page, user);
      for (const [k, p] of picks.entries()) {
        await openByUid(page, uids[k]!);
        await bodyFramesSized(page);
        await page.screenshot({ path: join(shotDir!, `${p.id.replace("/", "-")}-${width}-${colorScheme}.png`) });
      }
      await context.close();
    }
  }
});
