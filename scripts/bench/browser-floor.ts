/**
 * The harness's own floor, measured in the same run as the apps: a page whose button appends a text
 * synchronously in its click handler, timed exactly like an app's step (wall clock around Playwright's
 * click + wait, and the in-page timer). Whatever the wall clock shows here is Playwright's cost, in every
 * sample of both apps; the in-page time here is one frame: what a person would see.
 */
import type { Browser } from "@playwright/test";
import { timeStep } from "./browser-drivers";
import { appSamples, type AppSamples } from "./browser-plan";
import { watchText } from "./inpage-timer";

export const FLOOR_ORIGIN = "http://harness-floor.bench.test";

const FLOOR_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body>
<button id="go" onclick="const p = document.createElement('p'); p.textContent = 'Shown ' + (++window.n); document.getElementById('out').append(p)">Go</button>
<div id="out"></div><script>window.n = 0</script></body></html>`;

export interface HarnessFloor {
  description: string;
  wall: AppSamples;
  inpage: AppSamples;
}

export async function measureFloor(browser: Browser, runs: number, warmups = 1, deadlineMs = 5000): Promise<HarnessFloor> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  try {
    // Served from a real (routed) origin: the in-page timer keeps its state in sessionStorage.
    await context.route(`${FLOOR_ORIGIN}/**`, (route) => route.fulfill({ contentType: "text/html", body: FLOOR_PAGE }));
    const page = await context.newPage();
    await page.goto(`${FLOOR_ORIGIN}/`);
    const wall: number[] = [];
    const inpage: (number | null)[] = [];
    for (let i = 1; i <= warmups + runs; i++) {
      const text = new RegExp(`^Shown ${i}$`);
      const t = await timeStep(page, watchText("#out", text), () => page.locator("#go").click(), page.locator("#out").getByText(text), deadlineMs);
      if (t === null) throw new Error(`the harness-floor page did not show 'Shown ${i}' within ${deadlineMs} ms`);
      if (i <= warmups) continue;
      wall.push(t.wall_ms);
      inpage.push(t.inpage_ms);
    }
    return {
      description: "a button whose click handler appends a text at once, timed like every step: wall = Playwright's own cost (actionability checks, CDP round trips, polling wait), in-page = input → the frame that painted it",
      wall: appSamples(wall, deadlineMs / 1000),
      inpage: appSamples(inpage, deadlineMs / 1000, "not seen on screen by the in-page timer"),
    };
  } finally {
    await context.close();
  }
}
