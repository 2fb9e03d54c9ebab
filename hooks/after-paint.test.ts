import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { paintedWhileOpen } from "./after-paint";

// A frame by hand: the rAF callbacks run, then (after the paint) the timers queued by them.
let frameCallbacks: FrameRequestCallback[] = [];
function frame() {
  const due = frameCallbacks;
  frameCallbacks = [];
  for (const cb of due) cb(0);
}

describe("paintedWhileOpen", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    frameCallbacks = [];
    vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => frameCallbacks.push(cb));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("is true when a frame is painted while the open is current, even if it is left right after", async () => {
    const open = new AbortController();
    const painted = paintedWhileOpen(open.signal);
    frame();
    open.abort(); // j pressed after the frame, before the timer that follows the paint
    await vi.advanceTimersByTimeAsync(0);
    await expect(painted).resolves.toBe(true);
  });

  it("is false when the open is left before any frame showed it", async () => {
    const open = new AbortController();
    const painted = paintedWhileOpen(open.signal);
    open.abort();
    frame();
    await vi.advanceTimersByTimeAsync(0);
    await expect(painted).resolves.toBe(false);
  });

  it("in a hidden tab (no frames) decides by whether the open is still current when the wait ends", async () => {
    const kept = paintedWhileOpen(new AbortController().signal, 100);
    const left = new AbortController();
    const gone = paintedWhileOpen(left.signal, 100);
    left.abort();
    await vi.advanceTimersByTimeAsync(100);
    await expect(kept).resolves.toBe(true);
    await expect(gone).resolves.toBe(false);
  });
});
