import { expect, test, type Page, type Request } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, flagsOf, resetMailbox, testUser } from "./helpers/imap";
import { attachmentMessage, htmlMessage, plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 13 point 4: a message is fetched before it is opened (neighbours of the open one, a hovered or
 * focused row), the body comes inside the message's answer (srcdoc, no second request), prefetching is
 * bounded by size, and it never marks anything read.
 */
const hoverUser = testUser(341);
const openUser = testUser(342);
const bigUser = testUser(343);
const from = { name: "Prefetch Test", address: "prefetch@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);
const html = (word: string) => `<html><body><h1>${word} heading</h1><p>The ${word} body, first sentence.</p></body></html>`;

let hoverUids: number[] = [];
let openUids: number[] = [];

test.beforeAll(async () => {
  await Promise.all([hoverUser, openUser, bigUser].map((u) => resetMailbox(u)));
  hoverUids = await appendMessages(hoverUser, "INBOX", [
    htmlMessage({ from, to: hoverUser.email, subject: "Hover alpha", date: at(1), html: html("alpha") }),
    plainMessage({ from, to: hoverUser.email, subject: "Hover beta", date: at(2), text: "Beta text." }),
    htmlMessage({ from, to: hoverUser.email, subject: "Hover gamma", date: at(3), html: html("gamma") }),
  ]);
  // Newest first in the list: delta, gamma, beta, alpha.
  openUids = await appendMessages(openUser, "INBOX", ["alpha", "beta", "gamma", "delta"].map((w, i) => htmlMessage({ from, to: openUser.email, subject: `Open ${w}`, date: at(i + 1), html: html(w) })));
  await appendMessages(bigUser, "INBOX", [
    attachmentMessage({ from, to: bigUser.email, subject: "Big one", date: at(1), text: "See the file.", attachments: [{ filename: "big.bin", contentType: "application/octet-stream", content: Buffer.alloc(700 * 1024, 7) }] }),
    plainMessage({ from, to: bigUser.email, subject: "Small one", date: at(2), text: "Small." }),
  ]);
});

const list = (page: Page) => page.getByRole("list", { name: "Message list" });
const rowButton = (page: Page, subject: string) => list(page).getByRole("button", { name: new RegExp(subject) }).first();
// The message itself (GET: load, POST: opened) or its body; not its trail or notes.
// \Recent belongs to whichever IMAP session saw the message first, not to the message: left out.
const flagsNow = async (user: { email: string; password: string }, uid: number) => [...((await flagsOf(user, "INBOX", uid)) ?? [])].filter((f) => f !== "\\Recent").sort();
const isMessageRequest = (r: Request, uid: number) => new RegExp(`^/api/messages/${uid}(/body)?$`).test(new URL(r.url()).pathname);

test("hovering or focusing a row fetches it with a GET and never marks it read, in the UI or on the server", async ({ page }) => {
  await signIn(page, hoverUser);
  const [alpha, beta, gamma] = hoverUids as [number, number, number];
  const before = await flagsNow(hoverUser, gamma);
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));

  const fetched = page.waitForResponse((r) => isMessageRequest(r.request(), gamma) && r.request().method() === "GET");
  await rowButton(page, "Hover gamma").hover();
  expect((await fetched).status()).toBe(200);
  // Keyboard: a row that gets focus is fetched too.
  const focused = page.waitForResponse((r) => isMessageRequest(r.request(), alpha) && r.request().method() === "GET");
  await rowButton(page, "Hover alpha").focus();
  await focused;
  await page.waitForTimeout(300); // an absence check: no mark-read POST or body request may follow

  // Only GETs for them: no POST (the mark-read), no body request, nothing opened.
  const touched = requests.filter((r) => isMessageRequest(r, gamma) || isMessageRequest(r, alpha));
  expect(touched.map((r) => `${r.method()} ${new URL(r.url()).pathname}`).sort()).toEqual([`GET /api/messages/${alpha}`, `GET /api/messages/${gamma}`]);
  await expect(page).not.toHaveURL(/[?&]m=/);

  await page.reload();
  await expect(rowButton(page, "Hover gamma")).toHaveAccessibleName(/unread/);
  await expect(rowButton(page, "Hover alpha")).toHaveAccessibleName(/unread/);
  expect(await flagsNow(hoverUser, gamma)).toEqual(before);
  expect((await flagsOf(hoverUser, "INBOX", gamma))?.has("\\Seen")).toBe(false);
  expect((await flagsOf(hoverUser, "INBOX", alpha))?.has("\\Seen")).toBe(false);
  expect((await flagsOf(hoverUser, "INBOX", beta))?.has("\\Seen")).toBe(false);
});

test("opening a message prefetches its neighbours; opening one then makes no request for it but the mark-read, and its body is inline in the sandbox", async ({ page }) => {
  await signIn(page, openUser);
  const [alpha, beta, gamma, delta] = openUids as [number, number, number, number];
  const neighbours = [beta, delta].map((uid) => page.waitForResponse((r) => isMessageRequest(r.request(), uid) && r.request().method() === "GET" && r.ok()));
  // Open "gamma": its neighbours in the list are "delta" (above) and "beta" (below).
  await rowButton(page, "Open gamma").click();
  await expect(page.frameLocator("section[aria-label=Message] iframe").first().getByText("The gamma body, first sentence.")).toBeVisible();
  await Promise.all(neighbours);
  // Prefetching never marks read: still unread on the server.
  expect((await flagsOf(openUser, "INBOX", beta))?.has("\\Seen")).toBe(false);
  expect((await flagsOf(openUser, "INBOX", delta))?.has("\\Seen")).toBe(false);

  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  const marked = page.waitForResponse((r) => isMessageRequest(r.request(), beta) && r.request().method() === "POST");
  await rowButton(page, "Open beta").click();
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  await expect(frame.getByText("The beta body, first sentence.")).toBeVisible();
  await marked;
  const forBeta = requests.filter((r) => isMessageRequest(r, beta)).map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
  expect(forBeta).toEqual([`POST /api/messages/${beta}`]);
  expect(requests.filter((r) => r.url().includes("/body?"))).toEqual([]);

  // The frame: srcdoc, same sandbox as ever, its own CSP admitting one script by hash and nothing remote.
  const iframe = page.locator("section[aria-label=Message] iframe").first();
  expect(await iframe.getAttribute("src")).toBeNull();
  expect((await iframe.getAttribute("sandbox"))?.split(/\s+/).sort()).toEqual(["allow-popups", "allow-popups-to-escape-sandbox", "allow-scripts"]);
  const csp = (await frame.locator('head > meta[http-equiv="Content-Security-Policy"]').getAttribute("content")) ?? "";
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]{43}='(;|$)/);
  await expect(frame.locator("script")).toHaveCount(0);
  // The size script ran (it is admitted by the page's CSP too): the frame fits its short content.
  await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeLessThan(300);

  // The real open did mark it read, on the server and in the row.
  await expect.poll(async () => (await flagsOf(openUser, "INBOX", beta))?.has("\\Seen")).toBe(true);
  await expect(rowButton(page, "Open beta")).not.toHaveAccessibleName(/unread/);
  expect((await flagsOf(openUser, "INBOX", alpha))?.has("\\Seen")).toBe(false);
});

test("a message over the prefetch size limit is not fetched on hover; it still opens", async ({ page }) => {
  await signIn(page, bigUser);
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  await rowButton(page, "Big one").hover();
  await page.waitForTimeout(600); // an absence check: past the 80 ms hover intent, no fetch may start
  expect(requests.filter((r) => /\/api\/messages\/\d+/.test(new URL(r.url()).pathname))).toEqual([]);
  await rowButton(page, "Big one").click();
  await expect(page.getByRole("heading", { name: "Big one" })).toBeVisible();
  await expect(page.locator("section[aria-label=Message]").getByText("See the file.", { exact: true })).toBeVisible();
});
