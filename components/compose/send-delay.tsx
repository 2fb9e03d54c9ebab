"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { UNDO_SEND_MS_DEFAULT } from "@/lib/shared/undo-send";

/**
 * The pause between Send and sending, with Undo. `wait()` resolves true when the delay ran out (send
 * now) and false when the person pressed Undo (keep editing; the draft is already in Drafts).
 */
export function useSendDelay(delayMs: number = UNDO_SEND_MS_DEFAULT) {
  const [left, setLeft] = useState<number | null>(null);
  const settle = useRef<((go: boolean) => void) | null>(null);
  const tick = useRef<ReturnType<typeof setInterval> | null>(null);

  const stop = useCallback((go: boolean) => {
    if (tick.current) clearInterval(tick.current);
    tick.current = null;
    setLeft(null);
    const s = settle.current;
    settle.current = null;
    s?.(go);
  }, []);

  const wait = useCallback((): Promise<boolean> => {
    if (delayMs <= 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      settle.current = resolve;
      const until = Date.now() + delayMs;
      setLeft(Math.ceil(delayMs / 1000));
      tick.current = setInterval(() => {
        const ms = until - Date.now();
        if (ms <= 0) stop(true);
        else setLeft(Math.ceil(ms / 1000));
      }, 200);
    });
  }, [delayMs, stop]);

  // Unmounted mid-delay (the page navigates away): nothing is sent; the draft stays in Drafts.
  useEffect(() => () => stop(false), [stop]);

  return { left, wait, undo: () => stop(false) };
}

/** "Sending in 4 s · Undo", in the composer's footer while the delay runs. */
export function SendDelayBar({ left, onUndo }: { left: number | null; onUndo: () => void }) {
  if (left === null) return null;
  return (
    <div role="status" className="mx-4 mb-2 flex items-center gap-3 rounded-lg bg-zinc-900 px-3 py-2 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">
      <span className="flex-1">Sending in {left} s…</span>
      <button type="button" onClick={onUndo} className="min-h-9 rounded-md px-2 font-semibold text-accent-300 underline-offset-2 hover:underline dark:text-accent-700">
        Undo send
      </button>
    </div>
  );
}
