/**
 * When in each second a paced session sends (scripts/bench/load.ts). autocannon paces every connection
 * on its own one-second timer, all started in the same tick: 200 sessions at one request a second then
 * send 200 requests in the same millisecond, every second — a synchronized burst that people do not
 * produce (two hundred people do not click at the same instant), and whose queue alone sets the p95.
 * "spread" (the default) starts session i's timer i/S of a second later, so the same 200 requests a
 * second arrive evenly; "burst" (BENCH_LOAD_PHASE=burst) keeps autocannon's alignment as a worst case.
 */
export type LoadPhase = "spread" | "burst";

export function loadPhase(value: string | undefined): LoadPhase {
  if (value === undefined || value === "" || value === "spread") return "spread";
  if (value === "burst") return "burst";
  throw new Error(`BENCH_LOAD_PHASE must be "spread" or "burst", got "${value}"`);
}

/** Milliseconds into each second at which session `index` of `sessions` sends. */
export function phaseOffsetMs(index: number, sessions: number): number {
  return sessions > 0 ? Math.floor((index * 1000) / sessions) : 0;
}

/** The paced client's fields autocannon (lib/httpClient.js) uses for its per-second budget. */
interface PacedClient {
  rate?: number;
  rateInterval?: NodeJS.Timeout;
  reqsMadeThisSecond: number;
  paused?: boolean;
  cer?: unknown;
  destroyed?: boolean;
  _doRequest(cer?: unknown): void;
}

/**
 * Moves a paced client's one-second timer `offsetMs` later, and holds its first request until then.
 * Called from setupClient, which autocannon runs before it sends the first request and starts the timer.
 */
export function shiftPacing(client: unknown, offsetMs: number): void {
  const c = client as PacedClient;
  if (!c.rate) return;
  // The first request is sent right after setupClient returns: with the budget spent it is held (paused).
  c.reqsMadeThisSecond = c.rate;
  const tick = () => {
    c.reqsMadeThisSecond = 0;
    if (c.paused) c._doRequest(c.cer);
    c.paused = false;
  };
  setImmediate(() => {
    clearInterval(c.rateInterval);
    const start = setTimeout(() => {
      if (c.destroyed) return;
      tick();
      c.rateInterval = setInterval(tick, 1000);
    }, offsetMs);
    // autocannon clears rateInterval when it stops the client; until the first tick that is this timeout.
    c.rateInterval = start;
  });
}
