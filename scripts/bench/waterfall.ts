/**
 * The first screen's request waterfall (issue 13 point 5), in a real browser:
 *   tsx scripts/bench/waterfall.ts --before=http://127.0.0.1:8101 --after=http://127.0.0.1:8100 [--runs=5] [--user=bulk@example.test] [--password=…]
 * Two instances of the same build, one started with INITIAL_VIEW_DEADLINE_MS=0 (the page renders without
 * data and the browser fetches account, folders and messages, as before), one with the default. Runs
 * alternate A/B after a warm-up. Each run: sign in through the form and time until the first row's
 * subject is visible; then reload the page and time the same. Prints JSON (medians, and the requests the
 * browser made before the rows showed, with start and end times, of the median run).
 */
import { chromium, type Page } from "playwright";
import { summarize } from "./stats";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNS = Number(arg("runs", "5"));
const USER = arg("user", "bulk@example.test");
const PASSWORD = arg("password", "mailroom-demo");
const variants = { before: arg("before", ""), after: arg("after", "") };

interface Timed {
  path: string;
  start_ms: number;
  end_ms: number | null;
}

interface Run {
  sign_in_to_rows_ms: number;
  reload_to_rows_ms: number;
  /** Requests (not static files) between the click / the reload and the rows showing. */
  sign_in_requests: Timed[];
  reload_requests: Timed[];
}

function watch(page: Page, t0: () => number): Timed[] {
  const seen: Timed[] = [];
  const open = new Map<object, Timed>();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/_next/static") || u.pathname.startsWith("/api/events")) return;
    const t: Timed = { path: u.pathname + (u.pathname.startsWith("/api/messages") ? u.search : ""), start_ms: Math.round(performance.now() - t0()), end_ms: null };
    open.set(r, t);
    seen.push(t);
  });
  const done = (r: object) => {
    const t = open.get(r);
    if (t) t.end_ms = Math.round(performance.now() - t0());
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return seen;
}

const firstRow = (page: Page) => page.getByRole("list", { name: "Message list" }).getByRole("listitem").first();

async function once(base: string): Promise<Run> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(USER);
    await page.getByLabel("Password").fill(PASSWORD);
    let t0 = performance.now();
    const signInLog = watch(page, () => t0);
    t0 = performance.now();
    await page.getByRole("button", { name: "Sign in" }).click();
    await firstRow(page).waitFor({ state: "visible", timeout: 30_000 });
    const signIn = performance.now() - t0;
    const signInRequests = signInLog.filter((t) => t.start_ms <= signIn);
    page.removeAllListeners("request");
    page.removeAllListeners("requestfinished");
    page.removeAllListeners("requestfailed");

    let t1 = performance.now();
    const reloadLog = watch(page, () => t1);
    t1 = performance.now();
    await page.reload({ waitUntil: "commit" });
    await firstRow(page).waitFor({ state: "visible", timeout: 30_000 });
    const reload = performance.now() - t1;
    return { sign_in_to_rows_ms: Math.round(signIn), reload_to_rows_ms: Math.round(reload), sign_in_requests: signInRequests, reload_requests: reloadLog.filter((t) => t.start_ms <= reload) };
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!variants.before || !variants.after) throw new Error("give --before=<url> and --after=<url>");
  const runs: Record<keyof typeof variants, Run[]> = { before: [], after: [] };
  for (const key of ["before", "after"] as const) await once(variants[key]); // warm-up
  for (let i = 0; i < RUNS; i++) {
    // Alternating, so drift on the shared machine hits both alike.
    for (const key of i % 2 ? (["after", "before"] as const) : (["before", "after"] as const)) {
      runs[key].push(await once(variants[key]));
      process.stderr.write(`${key} run ${i + 1}: sign-in ${runs[key].at(-1)!.sign_in_to_rows_ms} ms, reload ${runs[key].at(-1)!.reload_to_rows_ms} ms\n`);
    }
  }
  const report = Object.fromEntries(
    (["before", "after"] as const).map((key) => {
      const rs = runs[key];
      const signIn = summarize(rs.map((r) => r.sign_in_to_rows_ms));
      const reload = summarize(rs.map((r) => r.reload_to_rows_ms));
      const median = [...rs].sort((a, b) => a.reload_to_rows_ms - b.reload_to_rows_ms)[rs.length >> 1]!;
      const api = (ts: Timed[]) => ts.filter((t) => t.path.startsWith("/api/")).map((t) => `${t.path} ${t.start_ms}→${t.end_ms ?? "…"} ms`);
      return [key, { url: variants[key], sign_in_to_rows: signIn, reload_to_rows: reload, median_run: { ...median, api_before_rows_sign_in: api(median.sign_in_requests), api_before_rows_reload: api(median.reload_requests) } }];
    }),
  );
  const b = report.before as { sign_in_to_rows: { median_ms: number }; reload_to_rows: { median_ms: number } };
  const a = report.after as typeof b;
  console.log(JSON.stringify({ user: USER, runs: RUNS, ...report, ratio_after_vs_before: { sign_in_to_rows: +(a.sign_in_to_rows.median_ms / b.sign_in_to_rows.median_ms).toFixed(2), reload_to_rows: +(a.reload_to_rows.median_ms / b.reload_to_rows.median_ms).toFixed(2) } }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
