import "server-only";

/*
 * "Simple" mail (no backgrounds of its own, hardly any colours) can follow the reader's dark theme:
 * swapping its text and background loses nothing. Anything that paints backgrounds or uses a palette
 * is designed mail and keeps its own colours, on its own light card. Read from the raw HTML: a false
 * "rich" only means the mail stays light, which is always readable.
 */

const BACKGROUND = /(?:\bbgcolor\s*=\s*["']?|\bbackground(?:-color|-image)?\s*:\s*|\sbackground\s*=\s*["']?)([^;"'>]*)/gi;
const COLOR = /(?:(?:^|[^-\w])color\s*:\s*|\scolor\s*=\s*["']?)([^;"'>}]*)/gi;
// Backgrounds that only restate the default white page do not make a design.
const NEUTRAL_BG = /^\s*(#fff(?:fff)?|white|transparent|none|inherit|initial|unset|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*1\s*)?\))\s*(!important)?\s*$/i;
/** More distinct text colours than this is a palette, not emphasis. */
const MAX_COLORS = 3;

export function isSimpleHtml(html: string): boolean {
  for (const m of html.matchAll(BACKGROUND)) {
    if (!NEUTRAL_BG.test(m[1])) return false;
  }
  const colors = new Set<string>();
  for (const m of html.matchAll(COLOR)) {
    const value = m[1].trim().toLowerCase().replace(/\s*!important$/, "");
    if (value && value !== "inherit" && value !== "currentcolor") colors.add(value);
  }
  return colors.size <= MAX_COLORS;
}
