import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadPhase, phaseOffsetMs, shiftPacing } from "./load-phase";

/** The part of autocannon's paced client (lib/httpClient.js) that shiftPacing drives, with its own timer. */
class FakePacedClient {
  rate = 1;
  reqsMadeThisSecond = 0;
  paused = false;
  destroyed = false;
  sent: number[] = [];
  rateInterval: NodeJS.Timeout;
  constructor(setup: (c: FakePacedClient) => void) {
    setup(this);
    // As autocannon: the timer starts after setupClient, then the first request goes out.
    this.rateInterval = setInterval(() => {
      this.reqsMadeThisSecond = 0;
      if (this.paused) this._doRequest();
      this.paused = false;
    }, 1000);
    this._doRequest();
  }
  _doRequest() {
    if (this.reqsMadeThisSecond++ < this.rate) this.sent.push(Date.now());
    else this.paused = true;
  }
  /** The answer came: autocannon asks for the next request at once, which the budget holds. */
  answer() {
    this._doRequest();
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("load arrival phase", () => {
  it("spreads 200 sessions evenly over the second", () => {
    const offsets = Array.from({ length: 200 }, (_, i) => phaseOffsetMs(i, 200));
    expect(offsets[0]).toBe(0);
    expect(offsets[100]).toBe(500);
    expect(offsets[199]).toBe(995);
    expect(new Set(offsets).size).toBe(200);
  });

  it("a shifted session sends first at its offset, then once a second at that point", async () => {
    const c = new FakePacedClient((self) => shiftPacing(self, 300));
    expect(c.sent).toEqual([]); // held, not sent at 0 with everyone else
    await vi.advanceTimersByTimeAsync(299);
    expect(c.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.sent).toEqual([300]);
    c.answer();
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.sent).toEqual([300, 1300]);
    c.answer();
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.sent).toEqual([300, 1300, 2300]);
    clearInterval(c.rateInterval);
  });

  it("an unshifted session keeps autocannon's alignment (burst)", async () => {
    const c = new FakePacedClient(() => {});
    expect(c.sent).toEqual([0]);
    c.answer();
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.sent).toEqual([0, 1000]);
    clearInterval(c.rateInterval);
  });

  it("reads BENCH_LOAD_PHASE", () => {
    expect(loadPhase(undefined)).toBe("spread");
    expect(loadPhase("burst")).toBe("burst");
    expect(() => loadPhase("sometimes")).toThrow(/spread/);
  });
});
