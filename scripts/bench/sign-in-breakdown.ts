/**
 * Where the sign-in's time goes, in a real browser (issue 13 point 5):
 *   tsx scripts/bench/sign-in-breakdown.ts --url=http://127.0.0.1:9320 [--runs=7] [--user=bulk@example.test] [--password=…]
 * Each run: a fresh browser context loads /login (not timed), fills it in, clicks "Sign in", and waits
 * for the first row of the list. Reported, in ms from the click (medians over the runs): the POST's
 * start, the server's answer (and its Server-Timing: mail server sign-in, session cookie), the mail
 * page's request, first byte, last byte, DOM interactive, first contentful paint, the row visible; the
 * page's sizes (HTML on the wire and decoded, the inline RSC payload). Prints JSON.
 */
import { chromium, type Request } from "playwright";
import { summarize } from "./stats";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const URL_ = arg("url", "http://127.0.0.1:3220");
const RUNS = Number(arg("runs", "7"));
const USER = arg("user", "bulk@example.test");
const PASSWORD = arg("password", "mailroom-demo");

interface Run {
  [k: string]: number | string | null;
}

/** Server-Timing "name;desc=…;dur=12.3, …" → { name: 12.3 }. */
function serverTiming(header: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? "").split(",")) {
    const name = part.split(";")[0]?.trim();
    const dur = /dur=([\d.]+)/.exec(part)?.[1];
    if (name && dur) out[name] = Number(dur);
  }
  return out;
}

async function once(browserPath: string): Promise<Run> {
  const browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox", "--disable-background-networking"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${URL_}/login`, { waitUntil: "networkidle" });
    await page.getByLabel("Email").fill(USER);
    await page.getByLabel("Password").fill(PASSWORD);
    let post: Request | null = null;
    let doc: Request | null = null;
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path === "/login/submit") post = r;
      if (r.resourceType() === "document" && path.startsWith("/mail")) doc = r;
    });
    const click = Date.now();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("list", { name: "Message list" }).getByRole("listitem").first().waitFor({ state: "visible", timeout: 30_000 });
    const visible = Date.now() - click;
    const p = post as Request | null;
    const d = doc as Request | null;
    const at = (r: Request | null, k: "requestStart" | "responseStart" | "responseEnd") => (r && r.timing()[k] >= 0 ? Math.round(r.timing().startTime + r.timing()[k] - click) : null);
    const postTiming = serverTiming((await p?.response())?.headers()["server-timing"]);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
      const rsc = [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__next_f")).reduce((n, s) => n + (s.textContent?.length ?? 0), 0);
      return { origin: performance.timeOrigin, interactive: n.domInteractive, loaded: n.domContentLoadedEventEnd, fcp, transfer: n.transferSize, encoded: n.encodedBodySize, decoded: n.decodedBodySize, rsc };
    });
    const rel = (ms: number | null) => (ms === null ? null : Math.round(nav.origin + ms - click));
    return {
      post_start: at(p, "requestStart") ?? (p ? Math.round(p.timing().startTime - click) : null),
      post_answer: at(p, "responseEnd"),
      post_server_login: postTiming.login ?? null,
      post_server_session: postTiming.session ?? null,
      page_start: d ? Math.round(d.timing().startTime - click) : null,
      page_first_byte: at(d, "responseStart"),
      page_last_byte: at(d, "responseEnd"),
      dom_interactive: rel(nav.interactive),
      dom_content_loaded: rel(nav.loaded),
      first_contentful_paint: rel(nav.fcp),
      row_visible: visible,
      html_bytes_wire: nav.transfer,
      html_bytes: nav.decoded,
      rsc_inline_chars: nav.rsc,
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  const runs: Run[] = [];
  await once("/usr/bin/chromium"); // warm-up: the app's first requests compile nothing, but caches fill
  for (let i = 0; i < RUNS; i++) runs.push(await once("/usr/bin/chromium"));
  const keys = Object.keys(runs[0] ?? {});
  const medians = Object.fromEntries(
    keys.map((k) => {
      const xs = runs.map((r) => r[k]).filter((v): v is number => typeof v === "number");
      return [k, xs.length ? summarize(xs).median_ms : null];
    }),
  );
  console.log(JSON.stringify({ url: URL_, user: USER, runs: RUNS, medians_ms_from_click: medians, samples: runs }, null, 1));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
