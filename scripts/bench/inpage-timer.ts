/**
 * Node's side of the in-page step timer (scripts/bench/inpage-script.ts): arm a step with what it waits
 * for, let the driver act, then read back when the person's input happened and when the awaited text
 * was painted. The harness's own cost (Playwright's actionability checks, CDP round trips, its polling
 * wait) is in the wall-clock time and not in this one.
 */
import type { Page } from "@playwright/test";
import { INPAGE_KEY, INPAGE_SCRIPT } from "./inpage-script";

export { absoluteMs } from "./inpage-script";

/** What a step waits for: text matching source/flags inside `container`, in the frame `frame` if given. */
export interface WatchSpec {
  container: string;
  /** A same-origin iframe of the top document (e.g. Roundcube's preview pane). */
  frame?: string;
  source: string;
  flags: string;
  /**
   * The pattern without its anchors and lookarounds (null when that cannot be done safely): it matches a
   * container's whole text whenever the pattern matches one of its elements, so the page tests the
   * container once per frame while the text is absent instead of every element in it.
   */
  loose: string | null;
}

/** `source` minus a leading ^, a trailing $ and lookarounds; null if anything else ties it to an element's edges. */
export function looseSource(source: string): string | null {
  let src = source.replace(/\(\?<?[!=][^()]*\)/g, "");
  if (src.startsWith("^")) src = src.slice(1);
  if (src.endsWith("$") && !src.endsWith("\\$")) src = src.slice(0, -1);
  if (/(^|[^\\])[$^]|\(\?<?[!=]/.test(src)) return null;
  try {
    new RegExp(src);
  } catch {
    return null;
  }
  return src;
}

/** The same matching rule as Playwright's getByText: a string is a case-insensitive substring, a RegExp is itself. */
export function watchText(container: string, text: string | RegExp, frame?: string): WatchSpec {
  const re = typeof text === "string" ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, " "), "i") : text;
  return { container, ...(frame ? { frame } : {}), source: re.source, flags: re.flags.replace(/[gy]/g, ""), loose: looseSource(re.source) };
}

/** Absolute times in ms (performance.timeOrigin + a document's timestamp), recorded in the page. */
export interface InPageTimes {
  t0: number | null;
  found: number | null;
  painted: number | null;
}

/** The step's in-page time (input → painted), or null when the page did not record both ends. */
export function inpageMs(t: InPageTimes | null): number | null {
  if (!t || t.t0 === null || t.painted === null) return null;
  const ms = t.painted - t.t0;
  // Painted before the input would mean the watcher saw something else than the step's result.
  if (ms < 0) throw new Error(`in-page timer: painted ${(-ms).toFixed(1)} ms before the input`);
  return ms;
}

const prepared = new WeakSet<Page>();
let nextId = 1;
const call = (expr: string) => `window[${JSON.stringify(INPAGE_KEY)}].${expr}`;

/** Installs the watcher (in this document and in every one the page loads next) and arms it for one step. */
export async function armStep(page: Page, spec: WatchSpec): Promise<void> {
  if (!prepared.has(page)) {
    prepared.add(page);
    await page.addInitScript(INPAGE_SCRIPT);
  }
  await page.evaluate(INPAGE_SCRIPT);
  await page.evaluate(`${call("arm")}(${JSON.stringify(spec)}, ${nextId++})`);
}

/** After Playwright's own wait succeeded: the step's times (waiting up to waitMs for the paint), then disarms. */
export async function readStep(page: Page, waitMs = 2000): Promise<InPageTimes | null> {
  return page.evaluate(`${call("result")}(${waitMs}).then((s) => { ${call("disarm")}(); return s && { t0: s.t0, found: s.found, painted: s.painted }; })`) as Promise<InPageTimes | null>;
}

/** Leaves the page unarmed (after a step that timed out), so nothing watches while the page is reset. */
export async function disarmStep(page: Page): Promise<void> {
  await page.evaluate(`window[${JSON.stringify(INPAGE_KEY)}] && ${call("disarm")}()`).catch(() => undefined);
}
