/**
 * Resolves once the browser has painted the next frame (or after `maxMs`, e.g. in a hidden tab, where
 * frames stop): for work a click causes that the person does not see, such as the mark-read POST and
 * the neighbours' prefetch, so that it never delays the frame that shows the message (issue 13).
 */
export function afterPaint(maxMs = 100): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== "function") return resolve();
    const timer = setTimeout(resolve, maxMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/**
 * Resolves once a frame is painted: true when it was painted while `signal` was not aborted (so it showed
 * what the signal's owner put on screen), false when the owner was left before that frame. A hidden tab
 * paints no frames: there, true when the owner is still current after `maxMs`.
 */
export function paintedWhileOpen(signal: AbortSignal, maxMs = 100): Promise<boolean> {
  let atFrame: boolean | null = null;
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => void (atFrame = !signal.aborted));
  return afterPaint(maxMs).then(() => atFrame ?? !signal.aborted);
}
