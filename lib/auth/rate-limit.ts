import "server-only";

/*
 * Slows repeated failed sign-ins: the first few failures cost nothing, then each further failure
 * from the same client (or against the same address) waits twice as long, up to a cap; past a hard
 * limit the attempt is refused outright until the window passes.
 */
export interface Throttle {
  /** Milliseconds to wait before trying this sign-in, or null when it must be refused. */
  delayFor(keys: string[]): number | null;
  fail(keys: string[]): void;
  succeed(keys: string[]): void;
}

interface Entry {
  failures: number;
  last: number;
}

export function createThrottle(opts: { free?: number; baseMs?: number; capMs?: number; refuseAfter?: number; windowMs?: number; now?: () => number } = {}): Throttle {
  const free = opts.free ?? 3;
  const baseMs = opts.baseMs ?? 500;
  const capMs = opts.capMs ?? 8_000;
  const refuseAfter = opts.refuseAfter ?? 20;
  const windowMs = opts.windowMs ?? 15 * 60_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const failuresOf = (key: string): number => {
    const e = entries.get(key);
    if (!e) return 0;
    if (now() - e.last > windowMs) {
      entries.delete(key);
      return 0;
    }
    return e.failures;
  };

  return {
    delayFor(keys) {
      const worst = Math.max(0, ...keys.map(failuresOf));
      if (worst >= refuseAfter) return null;
      if (worst === 0 || worst < free) return 0;
      return Math.min(capMs, baseMs * 2 ** (worst - free));
    },
    fail(keys) {
      for (const key of keys) entries.set(key, { failures: failuresOf(key) + 1, last: now() });
      if (entries.size > 10_000) {
        for (const [k, e] of entries) if (now() - e.last > windowMs) entries.delete(k);
      }
    },
    succeed(keys) {
      for (const key of keys) entries.delete(key);
    },
  };
}
