import { performance } from "node:perf_hooks";

export interface Stats {
  n: number;
  median_ms: number;
  p95_ms: number;
  mean_ms: number;
  min_ms: number;
  max_ms: number;
}

const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Nearest-rank percentile: with 40 samples p95 is the 38th smallest, a value that was actually observed. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: number[]): Stats {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return {
    n: sorted.length,
    median_ms: round(median(sorted)),
    p95_ms: round(percentile(sorted, 95)),
    mean_ms: round(mean),
    min_ms: round(sorted[0]!),
    max_ms: round(sorted[sorted.length - 1]!),
  };
}

/** a / b rounded for the report; ratios of medians are what the targets are written against. */
export function ratio(a: number, b: number): number {
  return round(a / b, 3);
}

export { round };

/** Runs fn and returns its result with the elapsed wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
