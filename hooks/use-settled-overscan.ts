"use client";

import { useEffect, useRef, useState } from "react";
import { afterPaint } from "@/hooks/after-paint";

/** Rows rendered past each edge of the screen once a list has been painted: smooth scrolling and PageDown. */
export const OVERSCAN = 10;
/** In the frame that shows a new list (sign-in, folder switch, search, a page jump): the screen and a row. */
export const FIRST_OVERSCAN = 1;
/** How far down two lists are compared to tell one list changing from another list replacing it. */
const NEAR = 50;

/**
 * Whether `next` is `prev` changed (new mail on top, a row removed, an older page appended, a flag) rather
 * than another list (another folder, a search, the oldest page): either's first row is near the other's top.
 */
export function continuesList(prev: readonly { uid: number }[], next: readonly { uid: number }[]): boolean {
  if (prev === next) return true;
  if (prev.length === 0 || next.length === 0) return false;
  const near = (list: readonly { uid: number }[], uid: number) => {
    for (let i = 0; i < Math.min(list.length, NEAR); i++) if (list[i]!.uid === uid) return true;
    return false;
  };
  return near(prev, next[0]!.uid) || near(next, prev[0]!.uid);
}

/**
 * The virtualizer's overscan (issue 13): a new list renders only the rows on screen and one more, so the
 * frame that shows it carries ~14 rows, not ~24; once that frame is painted the usual overscan mounts the
 * rest, before the person scrolls. A list that merely changed keeps the full overscan (no rows unmount).
 */
export function useSettledOverscan(messages: readonly { uid: number }[]): number {
  // The list last shown with the full overscan (set after a paint; read to compare, never to render rows).
  const settled = useRef<readonly { uid: number }[] | null>(null);
  const [, widened] = useState(0);
  const wide = settled.current !== null && continuesList(settled.current, messages);
  useEffect(() => {
    if (wide) {
      settled.current = messages;
      return;
    }
    let live = true;
    void afterPaint().then(() => {
      if (!live) return;
      settled.current = messages;
      widened((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [wide, messages]);
  return wide ? OVERSCAN : FIRST_OVERSCAN;
}
