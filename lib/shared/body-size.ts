/** What the body frame's size script reports to the reading pane. */
export interface BodySize {
  height: number;
  width: number;
}

// Bounds for what a body can claim: a runaway or hostile report cannot make the pane absurd.
const MAX_HEIGHT = 60_000;
const MAX_WIDTH = 4_000;

/**
 * Accepts only `{ type: "mailroom-body-size", height, width }` with finite, non-negative numbers and no
 * other keys, clamped to sane bounds; anything else is null.
 */
export function parseBodySize(data: unknown): BodySize | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  if (Object.getPrototypeOf(data) !== Object.prototype) return null;
  const keys = Object.keys(data).sort();
  if (keys.length !== 3 || keys[0] !== "height" || keys[1] !== "type" || keys[2] !== "width") return null;
  const { type, height, width } = data as Record<string, unknown>;
  if (type !== "mailroom-body-size") return null;
  if (typeof height !== "number" || typeof width !== "number" || !Number.isFinite(height) || !Number.isFinite(width)) return null;
  if (height < 0 || width < 0) return null;
  return { height: Math.min(Math.ceil(height), MAX_HEIGHT), width: Math.min(Math.ceil(width), MAX_WIDTH) };
}
