import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers/session";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { htmlMessage, plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

// How mail looks in the reading pane (issue 10, points 9–12): one scroll, wide mail fitted, dark mode,
// direction, folded quotes — and the size report that makes it work cannot be driven by the mail.
const wide = testUser(91);
const dark = testUser(92);
const rtl = testUser(93);
const quotes = testUser(94);
const hostile = testUser(95);
const from = { name: "Look Test", address: "look@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);

const row = (cells: string) => `<tr>${cells}</tr>`;
// A fixed 1200 px layout, as many newsletters are built: nothing in it can reflow to a phone's width.
const NEWSLETTER = `<html><head><style>.cell{padding:12px;font:16px Georgia,serif}</style></head><body style="margin:0"><div style="width:1200px">
<table width="1200" cellpadding="0" cellspacing="0" bgcolor="#0b3d2e" style="width:1200px;color:#fff">
${row(`<td class="cell" width="300"><h1 style="color:#ffd166">Garden Weekly</h1></td><td class="cell" width="600">Spring issue</td><td class="cell" width="300" align="right" id="edge">RIGHT EDGE</td>`)}
</table>
<table width="1200" cellpadding="0" cellspacing="0" bgcolor="#f4efe6" style="width:1200px">
${Array.from({ length: 14 }, (_, i) => row(`<td class="cell" width="400">Story ${i + 1}: tomatoes, beans and patience.</td><td class="cell" width="400" bgcolor="#e9dfcc">Column two of row ${i + 1}</td><td class="cell" width="400">Column three ${i + 1}</td>`)).join("\n")}
</table>
<p style="padding:12px" id="last">Unsubscribe at the bottom of the newsletter.</p>
</div></body></html>`;

const SIMPLE = `<p>Hello Dana,</p><p>The meeting moved to <b>Thursday</b>. Notes are <span style="color:#b91c1c">attached</span>.</p><p>Ben</p>`;
const ARABIC_TEXT = "مرحبا بكم في النشرة، هذه رسالة باللغة العربية.\n\nالفقرة الثانية: نلتقي غدا في الساعة ١٠!\n";
const ARABIC_HTML = "<p>مرحبا بكم في النشرة، هذه رسالة باللغة العربية.</p><p>Hello in English too.</p>";
const HOSTILE = `<html><head><meta http-equiv="refresh" content="0;url=https://example.com/"></head>
<body onload="parent.postMessage({type:'mailroom-body-size',height:5000,width:3000},'*')">
<h1>Height attack</h1>
<script>parent.postMessage({type:"mailroom-body-size",height:5000,width:3000},"*");alert("script")</script>
<img src="x" onerror="parent.postMessage({type:'mailroom-body-size',height:6000,width:3000},'*');alert('img')">
<svg onload="parent.postMessage({type:'mailroom-body-size',height:7000,width:3000},'*')"></svg>
<form action="/api/messages"><button id="go">Go</button></form>
<a id="js" href="javascript:parent.postMessage({type:'mailroom-body-size',height:8000,width:3000},'*')">Click to resize</a>
<div style="height:0;overflow:hidden" onmouseover="alert('hover')">x</div>
<p>Short body.</p></body></html>`;

test.beforeAll(async () => {
  await Promise.all([wide, dark, rtl, quotes, hostile].map((u) => resetMailbox(u)));
  await appendMessages(wide, "INBOX", [htmlMessage({ from, to: wide.email, subject: "Wide newsletter", date: at(1), html: NEWSLETTER })]);
  await appendMessages(dark, "INBOX", [
    htmlMessage({ from, to: dark.email, subject: "Simple note", date: at(1), html: SIMPLE }),
    htmlMessage({ from, to: dark.email, subject: "Designed newsletter", date: at(2), html: NEWSLETTER }),
  ]);
  await appendMessages(rtl, "INBOX", [
    plainMessage({ from, to: rtl.email, subject: "نشرة عربية", date: at(1), text: ARABIC_TEXT }),
    htmlMessage({ from, to: rtl.email, subject: "Arabic HTML", date: at(2), html: ARABIC_HTML }),
  ]);
  await appendMessages(quotes, "INBOX", [
    plainMessage({ from, to: quotes.email, subject: "Plain reply", date: at(1), text: "Sounds good, see you then.\n\nOn Mon, Ann wrote:\n> Lunch on Friday?\n> Ann\n" }),
    htmlMessage({
      from,
      to: quotes.email,
      subject: "Gmail reply",
      date: at(2),
      html: `<div dir="ltr">Yes, count me in.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, Ann wrote:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">${"<p>Old quoted paragraph about the picnic.</p>".repeat(20)}</blockquote></div>`,
    }),
  ]);
  await appendMessages(hostile, "INBOX", [htmlMessage({ from, to: hostile.email, subject: "Height attack", date: at(1), html: HOSTILE })]);
});

async function open(page: Page, subject: string) {
  await page.getByRole("list", { name: "Message list" }).getByRole("button", { name: new RegExp(subject) }).first().click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
}

/** Waits until the frame has been sized to its content, and returns the numbers that matter. */
async function settledFrame(page: Page) {
  const iframe = page.locator("section[aria-label=Message] iframe").first();
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  const measure = async () => {
    const inner = await frame.locator("html").evaluate((html) => ({
      contentHeight: Math.ceil(html.getBoundingClientRect().height),
      contentWidth: Math.max(html.scrollWidth, document.body.scrollWidth),
      innerHeight: window.innerHeight,
      innerWidth: window.innerWidth,
      scrollable: html.scrollHeight > window.innerHeight + 1,
    }));
    const frameBox = (await iframe.boundingBox())!;
    const box = (await page.getByTestId("body-frame-box").boundingBox())!;
    return { ...inner, frameBox, box };
  };
  await expect.poll(async () => {
    const m = await measure();
    return Math.abs(m.innerHeight - m.contentHeight) <= 2;
  }, { timeout: 15_000 }).toBe(true);
  return measure();
}

async function paneHasNoSideScroll(page: Page) {
  const pane = page.locator("section[aria-label=Message] > div.overflow-y-auto");
  const { sw, cw } = await pane.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
  expect(sw).toBeLessThanOrEqual(cw);
  const doc = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, vw: window.innerWidth }));
  expect(doc.sw).toBeLessThanOrEqual(doc.vw);
}

for (const width of [390, 1024]) {
  test(`a 1200 px newsletter is fitted at ${width} px, in one scroll, with a full-size view`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signIn(page, wide);
    await open(page, "Wide newsletter");
    const m = await settledFrame(page);
    // One scroll: the frame is exactly as tall as the mail, which therefore never scrolls inside.
    expect(m.scrollable).toBe(false);
    expect(m.contentHeight).toBeGreaterThan(600);
    // Fitted: the frame lays the mail out at its full width, then is scaled into the column.
    expect(m.innerWidth).toBeGreaterThanOrEqual(1200);
    expect(m.frameBox.width).toBeLessThanOrEqual(m.box.width + 1);
    expect(m.frameBox.x + m.frameBox.width).toBeLessThanOrEqual(width);
    // The right-most cell, in the frame's own coordinates, lands inside the column once scaled.
    const edgeRight = await page.frameLocator("section[aria-label=Message] iframe").getByText("RIGHT EDGE").evaluate((el) => el.getBoundingClientRect().right);
    expect(edgeRight).toBeGreaterThan(1100);
    const scale = m.frameBox.width / m.innerWidth;
    expect(scale).toBeLessThan(1);
    expect(m.frameBox.x + edgeRight * scale).toBeLessThanOrEqual(m.box.x + m.box.width + 1);
    await paneHasNoSideScroll(page);
    // The box shows all of the scaled frame: its height is the scaled content height.
    expect(Math.abs(m.box.height - m.frameBox.height)).toBeLessThanOrEqual(2);

    await page.getByRole("button", { name: "View at full size" }).click();
    const scroller = page.getByTestId("body-frame-box");
    await expect.poll(() => scroller.evaluate((el) => el.scrollWidth > el.clientWidth + 100)).toBe(true);
    await paneHasNoSideScroll(page);
    await page.getByRole("button", { name: "Fit to width" }).click();
    // Fitted again: the box does not scroll and the scaled frame fits in it.
    await expect.poll(() => scroller.evaluate((el) => getComputedStyle(el).overflowX)).toBe("hidden");
    const again = await settledFrame(page);
    expect(again.frameBox.width).toBeLessThanOrEqual(again.box.width + 1);
  });
}

test("dark mode: simple mail turns dark, designed mail keeps its colours on a card the column's width", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, dark);
  await open(page, "Simple note");
  await settledFrame(page);
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  await expect(frame.getByText("Hello Dana,")).toBeVisible();
  const simple = await frame.locator("body").evaluate((b) => ({
    bg: getComputedStyle(document.documentElement).backgroundColor,
    color: getComputedStyle(b.querySelector("p")!).color,
  }));
  expect(simple.bg).toBe("rgb(9, 9, 11)");
  expect(simple.color).toBe("rgb(228, 228, 231)");

  await open(page, "Designed newsletter");
  const m = await settledFrame(page);
  const designed = await frame.locator("html").evaluate((h) => getComputedStyle(h).backgroundColor);
  expect(designed).toBe("rgb(255, 255, 255)");
  // The card lines up with the subject: the same padding, never wider than the column.
  const heading = (await page.getByRole("heading", { name: "Designed newsletter" }).boundingBox())!;
  expect(Math.abs(m.box.x - heading.x)).toBeLessThanOrEqual(1);
  const pane = (await page.locator("section[aria-label=Message]").boundingBox())!;
  expect(m.box.x + m.box.width).toBeLessThan(pane.x + pane.width - 8);
  expect(m.frameBox.width).toBeLessThanOrEqual(m.box.width + 1);
});

test("right-to-left: Arabic bodies and subjects read right to left", async ({ page }) => {
  await signIn(page, rtl);
  await open(page, "نشرة عربية");
  const heading = page.getByRole("heading", { name: "نشرة عربية" });
  expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  const rowSubject = page.getByRole("list", { name: "Message list" }).getByText("نشرة عربية");
  expect(await rowSubject.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  const para = page.locator("section[aria-label=Message]").getByText(/الفقرة الثانية/);
  expect(await para.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");

  await open(page, "Arabic HTML");
  await settledFrame(page);
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  expect(await frame.getByText(/مرحبا بكم/).evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  expect(await frame.getByText("Hello in English too.").evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
});

test("quoted text after new text is folded behind Show quoted text", async ({ page }) => {
  await signIn(page, quotes);
  await open(page, "Plain reply");
  const pane = page.locator("section[aria-label=Message]");
  await expect(pane.getByText("Sounds good, see you then.")).toBeVisible();
  await expect(pane.getByText("Lunch on Friday?")).toHaveCount(0);
  await pane.getByRole("button", { name: "Show quoted text" }).click();
  await expect(pane.getByText(/Lunch on Friday\?/)).toBeVisible();

  await open(page, "Gmail reply");
  const before = await settledFrame(page);
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  await expect(frame.getByText("Yes, count me in.")).toBeVisible();
  await expect(frame.getByText("Old quoted paragraph about the picnic.").first()).toBeHidden();
  await frame.getByText("Show quoted text").click();
  await expect(frame.getByText("Old quoted paragraph about the picnic.").first()).toBeVisible();
  // Unfolding grows the frame with it: still one scroll.
  await expect.poll(async () => (await settledFrame(page)).contentHeight).toBeGreaterThan(before.contentHeight + 200);
  expect((await settledFrame(page)).scrollable).toBe(false);
});

test("the size report cannot be driven by the message: scripts, handlers, links and forged messages are ignored", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, hostile);
  await open(page, "Height attack");
  const frame = page.frameLocator("section[aria-label=Message] iframe").first();
  // Issue 13: the body came with the message (srcdoc); its own CSP admits one script, by hash.
  const csp = (await frame.locator('head > meta[http-equiv="Content-Security-Policy"]').getAttribute("content")) ?? "";
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]{43}='(;|$)/);

  const m = await settledFrame(page);
  const url = page.url();
  await expect(frame.getByRole("heading", { name: "Height attack" })).toBeVisible();
  // Nothing the mail carried is left to run (its meta refresh included; our own policy <meta> heads the
  // document), and our own script has taken itself out of the DOM.
  await expect(frame.locator("script, form, body meta, [onload], [onerror], [onmouseover], svg")).toHaveCount(0);
  await expect(frame.locator("meta[http-equiv]")).toHaveCount(1);
  await frame.getByText("Click to resize").click();
  await frame.getByText("Short body.").hover();
  // A forged report from the page itself (not the frame's window) is ignored too.
  await page.evaluate(() => window.postMessage({ type: "mailroom-body-size", height: 9000, width: 3000 }, "*"));
  // An absence check (the forged size must NOT take): give it the time a real report takes to apply.
  await page.waitForTimeout(1500);

  const after = await settledFrame(page);
  expect(after.innerHeight).toBeLessThan(1000);
  expect(Math.abs(after.innerHeight - after.contentHeight)).toBeLessThanOrEqual(2);
  expect(after.innerHeight).toBe(m.innerHeight);
  expect(after.innerWidth).toBe(m.innerWidth);
  await expect(page.getByRole("button", { name: "View at full size" })).toHaveCount(0);
  expect(dialogs).toEqual([]);
  expect(page.url()).toBe(url);
  expect(page.frames().find((f) => f.url().includes("example.com"))).toBeUndefined();
  // The frame is still the inline body: the mail's meta refresh did not navigate it away.
  expect(await page.locator("section[aria-label=Message] iframe").first().getAttribute("src")).toBeNull();
  expect(page.frames().some((f) => f.url() === "about:srcdoc")).toBe(true);
});

// Screenshots for a person to look at: LOOK_SCREENSHOTS=<dir> npx playwright test e2e/body-look.spec.ts
test("screenshots: newsletter and Arabic message at 390 and 1440 px, light and dark", async ({ page }) => {
  const dir = process.env.LOOK_SCREENSHOTS;
  test.skip(!dir, "set LOOK_SCREENSHOTS to a folder to take them");
  mkdirSync(dir!, { recursive: true });
  await signIn(page, dark);
  const cases: [string, ReturnType<typeof testUser>][] = [["Designed newsletter", dark], ["نشرة عربية", rtl]];
  for (const [subject, user] of cases) {
    if (user !== dark) {
      await page.context().clearCookies();
      await signIn(page, user);
    }
    for (const scheme of ["light", "dark"] as const) {
      for (const width of [390, 1440]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await page.goto("/mail/INBOX");
        await open(page, subject);
        if (subject !== "نشرة عربية") await settledFrame(page);
        await page.screenshot({ path: `${dir}/${subject === "نشرة عربية" ? "arabic" : "newsletter"}-${width}-${scheme}.png` });
      }
    }
  }
});
