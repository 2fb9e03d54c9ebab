/**
 * The harness's own floors, measured in the same run as the apps and timed exactly like an app's step
 * (wall clock around Playwright's click + wait, and the in-page timer):
 * - the frame floor: a page whose button appends a text synchronously in its click handler. Whatever the
 *   wall clock shows here is Playwright's cost, in every sample of both apps; the in-page time is one frame.
 * - the request floor: the same button, but the text is appended only after one (or two) GETs of Mailroom's
 *   cheapest route, `/api/health` (no session, no mail server), from a page on Mailroom's own origin. No page
 *   that must ask the server before it can show something (a folder not fetched yet, a search, a far page,
 *   a sign-in: the password's check, then the mail) can be faster than this on this machine, whatever its code.
 */
import type { Browser } from "@playwright/test";
import { timeStep } from "./browser-drivers";
import { appSamples, type AppSamples } from "./browser-plan";
import { watchText } from "./inpage-timer";

export const FLOOR_ORIGIN = "http://harness-floor.bench.test";
/** Where the request floor's page is served (routed by the bench, never asked of the app). */
export const REQUEST_FLOOR_PATH = "/__bench-request-floor";

const FRAME_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body>
<button id="go" onclick="const p = document.createElement('p'); p.textContent = 'Shown ' + (++window.n); document.getElementById('out').append(p)">Go</button>
<div id="out"></div><script>window.n = 0</script></body></html>`;

/** The request floor's page: each click GETs `/api/health` `requests` times, one after another, then shows its text. */
export function requestFloorPage(requests: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>request floor</title></head><body>
<button id="go">Go</button><div id="out"></div><script>
window.n = 0;
document.getElementById("go").addEventListener("click", async () => {
  const i = ++window.n;
  for (let k = 0; k < ${requests}; k++) await (await fetch("/api/health", { cache: "no-store" })).json();
  const p = document.createElement("p");
  p.textContent = "Shown " + i;
  document.getElementById("out").append(p);
});
</script></body></html>`;
}

export interface HarnessFloor {
  description: string;
  wall: AppSamples;
  inpage: AppSamples;
}

/** Clicks the page's #go runs + warmups times, each until "Shown i" is on screen; the warm-ups are not kept. */
async function timeClicks(browser: Browser, url: string, body: string, runs: number, warmups: number, deadlineMs: number): Promise<{ wall: AppSamples; inpage: AppSamples }> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  try {
    // Served from a real (routed) address: the in-page timer keeps its state in sessionStorage.
    await context.route(url, (route) => route.fulfill({ contentType: "text/html", body }));
    const page = await context.newPage();
    await page.goto(url);
    const wall: number[] = [];
    const inpage: (number | null)[] = [];
    for (let i = 1; i <= warmups + runs; i++) {
      const text = new RegExp(`^Shown ${i}$`);
      const t = await timeStep(page, watchText("#out", text), () => page.locator("#go").click(), page.locator("#out").getByText(text), deadlineMs);
      if (t === null) throw new Error(`the harness floor page ${url} did not show 'Shown ${i}' within ${deadlineMs} ms`);
      if (i <= warmups) continue;
      wall.push(t.wall_ms);
      inpage.push(t.inpage_ms);
    }
    return { wall: appSamples(wall, deadlineMs / 1000), inpage: appSamples(inpage, deadlineMs / 1000, "not seen on screen by the in-page timer") };
  } finally {
    await context.close();
  }
}

export async function measureFloor(browser: Browser, runs: number, warmups = 1, deadlineMs = 5000): Promise<HarnessFloor> {
  return {
    description: "a button whose click handler appends a text at once, timed like every step: wall = Playwright's own cost (actionability checks, CDP round trips, polling wait), in-page = input → the frame that painted it",
    ...(await timeClicks(browser, `${FLOOR_ORIGIN}/`, FRAME_PAGE, runs, warmups, deadlineMs)),
  };
}

export interface RequestFloor {
  description: string;
  one_request: HarnessFloor;
  two_requests: HarnessFloor;
}

/** The request floor against the running app at `appUrl` (its connection warmed by the warm-ups). */
export async function measureRequestFloor(browser: Browser, appUrl: string, runs: number, warmups = 2, deadlineMs = 5000): Promise<RequestFloor> {
  const url = `${appUrl}${REQUEST_FLOOR_PATH}`;
  const floor = async (requests: number): Promise<HarnessFloor> => ({
    description: `a button on Mailroom's origin that GETs /api/health ${requests === 1 ? "once" : `${requests} times in a row`} (no session, no mail server) and then appends a text, timed like every step`,
    ...(await timeClicks(browser, url, requestFloorPage(requests), runs, warmups, deadlineMs)),
  });
  return {
    description: "the least a page that must ask the server before it shows anything can take here: one request (a folder not fetched yet, a search, a far page) or two in a row (sign-in: the password's check, then the mail); the frame floor plus the HTTP hop, with no server work and no rendering",
    one_request: await floor(1),
    two_requests: await floor(2),
  };
}
