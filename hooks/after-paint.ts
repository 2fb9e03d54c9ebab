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
