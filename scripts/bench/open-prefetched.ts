/**
 * Section "open_prefetched_browser" (issue 13 point 4): in Debian's Chromium, the time from a click on
 * a row to the message's body being there (the html frame loaded, or the text in the pane), for a row
 * whose prefetch already finished (hovered first) against a row nobody prefetched (clicked from script,
 * so no hover or focus started one). Counts the requests a prefetched open makes for the message (the
 * mark-read POST is the only one expected).
 */
import { chromium, type Page, type Request } from "@playwright/test";
import type { MessageDetail } from "../../lib/shared/types";
import { summarize, type Stats } from "./stats";
import { log } from "./stack";
import type { Target } from "./warm-requests";

export interface OpenPrefetchedResult {
  description: string;
  rounds: number;
  prefetched: Stats;
  not_prefetched: Stats;
  /** GETs of the message itself (or its body route) during prefetched opens: 0 means served from the prefetch. */
  prefetched_open_requests: number;
  targets: Record<string, Target>;
  pass: boolean;
}

// 64 px rows: a tall window renders enough rows that every opened row is on screen without scrolling.
const VIEWPORT = { width: 1440, height: 3200 };
const STRIDE = 6;

/**
 * Runs in the page: clicks the row, resolves with ms until the body is there and until the next frame is
 * painted. Plain JavaScript in a string: tsx would wrap a TypeScript function in helpers the page lacks.
 */
const MEASURE_IN_PAGE = `(args) => new Promise((resolve, reject) => {
  const row = document.querySelector('[role="listitem"][data-uid="' + args.uid + '"] [data-row-button]');
  if (!row) return reject(new Error("row " + args.uid + " not rendered"));
  const pane = () => document.querySelector('section[aria-label="Message"]');
  const headed = () => { const h = pane() && pane().querySelector("h2"); return !!h && h.textContent === args.subject; };
  let done = false;
  let t0 = 0;
  let headedAt = 0;
  const finish = () => {
    if (done) return;
    done = true;
    const visible = performance.now() - t0;
    observer.disconnect();
    document.removeEventListener("load", onLoad, true);
    requestAnimationFrame(() => setTimeout(() => resolve({ visible, painted: performance.now() - t0, header: headedAt - t0 }), 0));
  };
  const onLoad = (e) => {
    if (args.kind === "html" && e.target instanceof HTMLIFrameElement && pane() && pane().contains(e.target) && headed()) finish();
  };
  const observer = new MutationObserver(() => {
    if (!headedAt && headed()) headedAt = performance.now();
    if (args.kind !== "html" && headed() && (pane().textContent || "").includes(args.text)) finish();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.addEventListener("load", onLoad, true);
  setTimeout(() => { if (!done) reject(new Error("UID " + args.uid + ": body not shown within 10 s")); }, 10000);
  t0 = performance.now();
  row.click();
})`;

type Shown = { visible: number; painted: number; header: number };
const measure = (page: Page, args: { uid: number; subject: string; kind: string; text: string }): Promise<Shown> => page.evaluate(`(${MEASURE_IN_PAGE})(${JSON.stringify(args)})`) as Promise<Shown>;

async function describe(page: Page, uid: number) {
  const d = (await (await page.request.get(`/api/messages/${uid}?folder=INBOX`)).json()) as MessageDetail;
  const html = d.blocks?.find((b) => b.kind === "html");
  const kind = html ? "html" : "text";
  const text = (d.blocks?.find((b) => b.kind === "text") as { text?: string } | undefined)?.text ?? d.text ?? "";
  return { uid, subject: d.subject, kind, text: text.trim().split("\n")[0]!.slice(0, 24) };
}

export async function benchOpenPrefetched(opts: { appUrl: string; creds: { email: string; password: string }; rounds: number }): Promise<OpenPrefetchedResult> {
  const browser = await chromium.launch({ executablePath: process.env.BENCH_CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking"] });
  try {
    const page = await (await browser.newContext({ baseURL: opts.appUrl, viewport: VIEWPORT })).newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(opts.creds.email);
    await page.getByLabel("Password").fill(opts.creds.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/mail\//, { timeout: 30_000 });
    const rows = page.locator('[role="listitem"][data-uid]');
    await rows.first().waitFor();
    const uids = (await rows.evaluateAll((els) => els.map((e) => ({ uid: Number(e.getAttribute("data-uid")), top: e.getBoundingClientRect().top }))))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.uid);
    const rounds = Math.min(opts.rounds + 1, Math.floor((uids.length - 1) / STRIDE));
    log(`open prefetched (browser): ${rounds - 1} rounds (+1 warm-up) over ${uids.length} rendered rows`);
    const requests: Request[] = [];
    page.on("request", (r) => requests.push(r));
    const pre: number[] = [];
    const cold: number[] = [];
    let prefetchedRequests = 0;
    for (let k = 0; k < rounds; k++) {
      // Row 6k opens with nothing fetched ahead (not adjacent to the last open one); row 6k+3 after its prefetch.
      const plain = await describe(page, uids[k * STRIDE]!);
      const ahead = await describe(page, uids[k * STRIDE + 3]!);
      const c = await measure(page, plain);
      const fetched = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/messages/${ahead.uid}` && r.request().method() === "GET");
      await page.locator(`[role="listitem"][data-uid="${ahead.uid}"] [data-row-button]`).hover();
      await fetched;
      await page.waitForTimeout(100);
      const before = requests.length;
      const p = await measure(page, ahead);
      const during = requests.slice(before).filter((r) => r.method() === "GET" && new RegExp(`^/api/messages/${ahead.uid}(/body)?$`).test(new URL(r.url()).pathname));
      if (k === 0) continue;
      cold.push(c.painted);
      pre.push(p.painted);
      prefetchedRequests += during.length;
    }
    const prefetched = summarize(pre);
    const target: Target = { max: 10, source: "brief" };
    return {
      description: "Chromium, 1440 px wide: click on a row → the body there and the next frame painted (html: the srcdoc frame's load; text: the text in the pane). prefetched = the row was hovered and its prefetch had finished; not_prefetched = clicked from script with nothing fetched ahead. 10,000-message INBOX",
      rounds: pre.length,
      prefetched,
      not_prefetched: summarize(cold),
      prefetched_open_requests: prefetchedRequests,
      targets: { prefetched_median_ms: target },
      pass: prefetched.median_ms <= target.max && prefetchedRequests === 0,
    };
  } finally {
    await browser.close();
  }
}
