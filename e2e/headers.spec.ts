import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { htmlMessage, SEED_EPOCH } from "../scripts/seed-lib";

/* Issue 9, point 23: page headers (CSP with nonces, no eval, no framing, nosniff, no referrer) and a favicon. */

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

test("pages carry a nonce-based CSP without eval or inline script, and the other safety headers", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/login?x=1", "/no-such-page"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    const d = directives(csp);
    const script = d.get("script-src") ?? [];
    expect(script, csp).not.toContain("'unsafe-eval'");
    expect(script, csp).not.toContain("'unsafe-inline'");
    const nonce = script.find((v) => v.startsWith("'nonce-"));
    expect(nonce, csp).toBeTruthy();
    nonces.add(nonce!);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    // The page's own scripts carry this request's nonce; no script goes without.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce!.slice(7, -1)}"`);
  }
  expect(nonces.size).toBe(3); // fresh per request

  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  // Linked with their content hash (/icon.svg?icon.<hash>.svg): kept, not asked again at every address change.
  const page = await (await request.get("/login")).text();
  const hrefs = [...page.matchAll(/<link rel="icon" href="([^"]+)"/g)].map((m) => m[1]);
  expect(hrefs).toEqual([expect.stringMatching(/^\/favicon\.ico\?favicon\.[\w-]+\.ico$/), expect.stringMatching(/^\/icon\.svg\?icon\.[\w-]+\.svg$/)]);
  for (const href of hrefs) expect((await request.get(href)).headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("the app leaves compression to the reverse proxy: no gzip even when asked, on pages and API answers", async ({ request }) => {
  // Next's gzip cost ~1 ms of CPU per answer, small JSON included (next.config.js: compress false).
  for (const path of ["/login", "/api/health"]) {
    const res = await request.get(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-encoding"], path).toBeUndefined();
  }
});

test("signing in, reading an HTML message and writing a reply raise no CSP violation and no 404", async ({ page }) => {
  const user = testUser(64);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [
    htmlMessage({ from: { name: "Header Test", address: "headers@example.test" }, to: user.email, subject: "Styled letter", date: SEED_EPOCH, html: "<h1 style='color:#123'>Styled heading</h1><p>Some <b>bold</b> text</p>" }),
  ]);
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate|frame|connect)/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() === 404) problems.push(`404: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });

  await signIn(page, user);
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: /Styled letter/ }).click();
  await expect(page.getByRole("heading", { name: "Styled letter" })).toBeVisible();
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Styled heading" })).toBeVisible();

  // The composer's rich editor (TipTap) takes typing under the CSP.
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  const editor = page.getByRole("dialog").getByRole("textbox", { name: "Message" });
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type("Typed under a strict CSP");
  await expect(editor).toContainText("Typed under a strict CSP");

  expect(problems).toEqual([]);
});
