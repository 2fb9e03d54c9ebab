import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core on what the page shows now (issue 12, point 22): no violation of serious or critical impact.
 * Any screen calls this once it has settled, e.g. `await expectAccessible(page, "settings")`.
 * The page must come from browser.newContext() (the `page` fixture does): axe needs a context of its own.
 */
export async function expectAccessible(page: Page, screen: string, opts: { include?: string } = {}) {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if (opts.include) builder = builder.include(opts.include);
  const result = await builder.analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}
