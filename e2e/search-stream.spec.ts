import { mkdirSync } from "node:fs";
import { expect, test, type Page, type Route } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

// Issue 13 point 7: a folder search streams in with a visible "Still searching…" state, and a new
// query cancels the old one so none of its rows appear. Users t362–t363 only.
const user = testUser(362);
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const shots = process.env.SEARCH_STREAM_SHOTS ?? "/tmp/shots-stream";

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const box = (page: Page) => page.getByRole("searchbox", { name: "Search mail" });
const progress = (page: Page) => page.locator("[data-search-progress]");

async function search(page: Page, text: string) {
  await box(page).fill(text);
  await box(page).press("Enter");
}

/** Holds each streamed search request until released; the real answer is fetched from the app meanwhile. */
function holdSearches(page: Page) {
  const held = new Map<string, (() => Promise<void>)[]>();
  const arrived: string[] = [];
  const waiters: (() => void)[] = [];
  void page.route("**/api/search/stream**", async (route: Route) => {
    const q = new URL(route.request().url()).searchParams.get("q") ?? "";
    arrived.push(q);
    const answer = await route.fetch();
    const body = await answer.body();
    held.set(q, [...(held.get(q) ?? []), () => route.fulfill({ response: answer, body }).catch(() => {})]);
    waiters.splice(0).forEach((w) => w());
  });
  /** Waits for a request with this query; its release() lets every request held for the query through. */
  const waitFor = async (q: string) => {
    while (!held.has(q)) await new Promise<void>((r) => waiters.push(r));
    return { release: async () => void (await Promise.all((held.get(q) ?? []).map((f) => f()))) };
  };
  return { waitFor, arrived };
}

test.beforeAll(async () => {
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    plainMessage({ from: { name: "Olga Orchard", address: "olga@farm.example" }, to: user.email, subject: "Apple harvest", date: at(1), text: "The apples are ripe." }),
    plainMessage({ from: { name: "Piet Pear", address: "piet@farm.example" }, to: user.email, subject: "Pear prices", date: at(2), text: "Pears are cheap this week." }),
    plainMessage({ from: { name: "Olga Orchard", address: "olga@farm.example" }, to: user.email, subject: "Apple pie recipe", date: at(3), text: "Bake the apples for an hour." }),
    plainMessage({ from: { name: "Quinn", address: "quinn@example.test" }, to: user.email, subject: "Quarterly plan", date: at(4), text: "Nothing about fruit." }),
  ]);
});

test("a search shows 'Still searching…' until its rows stream in, with highlights", async ({ page }) => {
  await signIn(page, user);
  await expect(list(page).getByRole("button", { name: /Quarterly plan/ })).toBeVisible();
  const hold = holdSearches(page);

  await search(page, "apple");
  const held = await hold.waitFor("apple");
  // The answer is held back: the person sees that the search is still running, announced politely.
  await expect(progress(page)).toHaveText("Still searching…");
  await expect(progress(page)).toHaveAttribute("role", "status");
  await expect(progress(page)).toHaveAttribute("aria-live", "polite");

  mkdirSync(shots, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [390, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${shots}/still-searching-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 900 });

  await held.release();
  await expect(list(page).getByRole("button", { name: /Apple pie recipe/ })).toBeVisible();
  await expect(list(page).getByRole("button", { name: /Apple harvest/ })).toBeVisible();
  await expect(list(page).getByRole("button", { name: /Pear prices|Quarterly plan/ })).toHaveCount(0);
  await expect(progress(page)).toHaveAttribute("data-search-progress", "done");
  await expect(progress(page)).toHaveText("");
  await expect(list(page).locator("mark[data-search-hit]").first()).toHaveText(/apple/i);
  await page.screenshot({ path: `${shots}/results-1440-light.png` });
});

test("a new query cancels the one still running: none of its rows appear", async ({ page }) => {
  await signIn(page, user);
  await expect(list(page).getByRole("button", { name: /Quarterly plan/ })).toBeVisible();
  const hold = holdSearches(page);
  const aborted: string[] = [];
  page.on("requestfailed", (r) => {
    if (r.url().includes("/api/search/stream")) aborted.push(new URL(r.url()).searchParams.get("q") ?? "");
  });

  await search(page, "apple");
  const apple = await hold.waitFor("apple");
  await expect(progress(page)).toHaveText("Still searching…");

  await search(page, "pear");
  const pear = await hold.waitFor("pear");
  await pear.release();
  await expect(list(page).getByRole("button", { name: /Pear prices/ })).toBeVisible();
  // The browser gave up the first request when the second query came.
  await expect.poll(() => aborted).toContain("apple");

  // Its answer, arriving late, changes nothing on screen.
  await apple.release();
  await page.waitForTimeout(300); // an absence check: nothing of the late answer may appear
  await expect(list(page).getByRole("button", { name: /Apple/ })).toHaveCount(0);
  await expect(list(page).getByRole("button")).toHaveCount(1);
  await expect(progress(page)).toHaveAttribute("data-search-progress", "done");
  expect(hold.arrived).toEqual(["apple", "pear"]);
});

test("the stream's lines: rows newest first, then done; a repeated search is served from the cache", async ({ page }) => {
  await signIn(page, user);
  const url = "/api/search/stream?folder=INBOX&q=from%3Aolga";
  const read = async () => {
    const res = await page.request.get(url);
    expect(res.headers()["content-type"]).toContain("application/x-ndjson");
    return (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; messages?: { subject: string }[]; cached?: boolean; total?: number });
  };
  const first = await read();
  expect(first.at(-1)).toMatchObject({ type: "done", total: 2 });
  expect(first.flatMap((c) => c.messages ?? []).map((m) => m.subject)).toEqual(["Apple pie recipe", "Apple harvest"]);
  const again = await read();
  expect(again.at(-1)).toMatchObject({ type: "done", total: 2, cached: true });
  expect(again.flatMap((c) => c.messages ?? []).map((m) => m.subject)).toEqual(["Apple pie recipe", "Apple harvest"]);
});

test("POP3: the search box finds mail in the cache: its rows, then the count of every match", async ({ page }) => {
  const pop = testUser(363);
  await resetMailbox(pop);
  await appendMessages(pop, "INBOX", [
    plainMessage({ from: { name: "Olga Orchard", address: "olga@farm.example" }, to: pop.email, subject: "Apple harvest pop", date: at(1), text: "The apples are ripe." }),
    plainMessage({ from: { name: "Piet Pear", address: "piet@farm.example" }, to: pop.email, subject: "Pear prices pop", date: at(2), text: "Pears are cheap." }),
  ]);
  await signIn(page, pop, { protocol: "POP3" });
  await expect(list(page).getByRole("button", { name: /Pear prices pop/ })).toBeVisible({ timeout: 20_000 });
  await search(page, "apple");
  await expect(list(page).getByRole("button", { name: /Apple harvest pop/ })).toBeVisible();
  await expect(list(page).getByRole("button", { name: /Pear prices pop/ })).toHaveCount(0);
  await expect(progress(page)).toHaveAttribute("data-search-progress", "done");
  const lines = (await (await page.request.get("/api/search/stream?folder=INBOX&q=apple")).text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; messages?: { subject: string }[] });
  expect(lines.map((l) => l.type)).toEqual(["rows", "done"]);
  expect(lines[0]!.messages!.map((m) => m.subject)).toEqual(["Apple harvest pop"]);
  expect(lines[1]).toMatchObject({ type: "done", total: 1, nextCursor: null, complete: true });
});
