"use client";

import { memo, startTransition, useEffect, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { afterPaint } from "@/hooks/after-paint";

/*
 * A folder switch, a jump to the oldest page (or a day) and a folder search paint the LIST first
 * (issue 13). The click's render used to be the whole mail app: the top bar, the folder tree, the reading
 * pane and the list, ~140 components, about two thirds of them not the list, all in front of the frame
 * that shows the rows a person is waiting for. On wide screens the parts wrapped in <Later> now keep
 * what they showed for that one render (React skips them) and catch up right after the frame is painted,
 * in a transition; the list, its header and the app's state are new in the first frame. A key press or a
 * pointer press meanwhile brings them up to date first, so nothing acts on a stale part. Phones show one
 * pane at a time (which pane shows is decided by the parts), so they render everything at once as before.
 */

let held = false;
const listeners = new Set<() => void>();

function release(sync: boolean): void {
  if (!held) return;
  held = false;
  removeEventListener("keydown", onInput, true);
  removeEventListener("pointerdown", onInput, true);
  for (const l of listeners) (sync ? flushSync : startTransition)(l);
}

function onInput(): void {
  release(true);
}

/** Parts held back while the list renders alone (wide screens only: see above). */
export function listFirstHeld(): boolean {
  return held;
}

/**
 * Runs `render` (state updates) in a synchronous render that renders the list and leaves <Later> parts
 * as they were; they catch up after the frame is painted. Anywhere a part is not shown beside the list
 * (below `md`), or when already holding, it is one ordinary synchronous render.
 */
export function renderListFirst(render: () => void): void {
  const wide = typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(min-width: 768px)").matches;
  if (!wide || held) return flushSync(render);
  held = true;
  addEventListener("keydown", onInput, true);
  addEventListener("pointerdown", onInput, true);
  try {
    flushSync(render);
  } finally {
    void afterPaint().then(() => release(false));
  }
}

/** A part of the app that may show its previous render for one frame while the list paints first. */
export const Later = memo(
  function Later({ children }: { children: ReactNode }) {
    return <>{children}</>;
  },
  () => held,
);

/** The app re-renders once the list's frame is painted, so every <Later> part catches up. */
export function useListFirstCatchUp(): void {
  const [, setCaughtUp] = useState(0);
  useEffect(() => {
    const l = () => setCaughtUp((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
}
