import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core on what the page shows now (issue 12, point 22): no violation of serious or critical impact.
 * Any screen calls this once it has settled, e.g. `await expectAccessible(page, "settings")`.
 * The page must come from browser.newContext() (the `page` fixture does): axe needs a context of its own.
 */
export async function expectAccessible(page: Page, screen: string, opts: { include?: string } = {}) {
  // axe reads colours as they are at that instant: a colour transition still running (the theme just
  // switched, a button's hover fading) is judged on its in-between colours. Finite transitions and
  // animations end first (at most a second: a toast's countdown is not waited out); endless ones (a
  // spinner) are left alone.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 1_000)),
    ]),
  );
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if (opts.include) builder = builder.include(opts.include);
  const result = await builder.analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}
