import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { htmlMessage, SEED_EPOCH } from "../scripts/seed-lib";

const user = testUser(6);
let server: Server;
let hits: string[] = [];
let origin = "";

test.beforeAll(async () => {
  // A "remote" server on loopback: any request it sees is a remote load that escaped the block.
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "image/gif" });
    res.end(Buffer.from("R0lGODlhAQABAAAAACw=", "base64"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await resetMailbox(user);
  const html = `<html><head><style>body{background-image:url("${origin}/css-bg.gif")}</style>
<script>window.top.__pwned = 1; fetch("${origin}/script-ran");</script></head>
<body onload="fetch('${origin}/onload-ran')">
<h1>Totally normal newsletter</h1>
<img src="${origin}/tracker.gif" alt="tracker">
<img src="x" onerror="fetch('${origin}/onerror-ran')">
<a href="javascript:fetch('${origin}/js-link')">Claim your prize</a>
<svg><script>fetch('${origin}/svg-script')</script></svg>
<iframe src="${origin}/iframe"></iframe>
<form action="${origin}/form"><input name="q"><button>Send</button></form>
</body></html>`;
  await appendMessages(user, "INBOX", [htmlMessage({ from: { name: "Mallory", address: "mallory@evil.example" }, to: user.email, subject: "Hostile newsletter", date: SEED_EPOCH, html })]);
});

test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

test("hostile HTML: no script, handler or javascript: link runs, no remote load until Show images", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  hits = [];
  await signIn(page, user);
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Hostile newsletter/ }).first().click();
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { name: "Totally normal newsletter" })).toBeVisible();

  const sandbox = (await page.locator("iframe").first().getAttribute("sandbox")) ?? "missing";
  // Never same-origin. Scripts are allowed only for our own size script, so the mail's cannot run.
  expect(sandbox.split(/\s+/).sort()).toEqual(["allow-popups", "allow-popups-to-escape-sandbox", "allow-scripts"]);
  // Issue 13: the body came inside the message's JSON and is shown with srcdoc (no second request), under
  // its own <meta> CSP on top of the page's, which a srcdoc inherits: one script admitted by hash, nothing
  // remote. (The body route's nonce'd CSP is checked below, where "Show images" loads it.)
  expect(await page.locator("iframe").first().getAttribute("src")).toBeNull();
  const csp = (await frame.locator('head > meta[http-equiv="Content-Security-Policy"]').getAttribute("content")) ?? "";
  expect(csp).toMatch(/(^|; )script-src 'sha256-[A-Za-z0-9+/]{43}='(;|$)/);
  expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
  expect(csp).toMatch(/(^|; )img-src data:(;|$)/);
  await expect(frame.locator("script, iframe, form, input, [onload], [onerror], [onclick]")).toHaveCount(0);
  await expect(frame.locator('a[href^="javascript"]')).toHaveCount(0);

  // Clicking the defanged link does nothing either.
  await frame.getByText("Claim your prize").click();
  // Give anything that could have been triggered time to reach the loopback server.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(hits).toEqual([]);
  expect(dialogs).toEqual([]);

  // The block is what kept the tracker out: after "Show images" it loads.
  await expect(page.getByText(/Remote images are hidden/)).toBeVisible();
  const bodyResponse = page.waitForResponse((r) => r.url().includes("/body?") && r.url().includes("images=1"));
  await page.getByRole("button", { name: "Show images" }).click();
  // The body route's own CSP: exactly one nonce (fresh per response) and nothing else for scripts.
  const routeCsp = (await bodyResponse).headers()["content-security-policy"] ?? "";
  expect(routeCsp).toMatch(/(^|; )script-src 'nonce-[A-Za-z0-9+/=]{16,}'(;|$)/);
  expect(routeCsp).toMatch(/(^|; )default-src 'none'(;|$)/);
  await expect.poll(() => hits).toContain("/tracker.gif");
  expect(hits.filter((h) => /ran|js-link|svg-script|iframe|form/.test(h))).toEqual([]);
});
