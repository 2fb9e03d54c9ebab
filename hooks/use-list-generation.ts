"use client";

import { useEffect, useState } from "react";
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
 * Which list this is (issue 13): `generation` changes when another list replaces the one shown, so the
 * list's container can be keyed by it — the browser then swaps one element instead of removing and
 * inserting each row in the live page. `overscan` is small in the frame that shows a new list (~11 rows,
 * not ~20) and the usual one once that frame is painted, before the person scrolls. A list that merely
 * changed keeps both (no row unmounts). `listKey` names what the list shows (folder, search, page jump):
 * UIDs alone cannot tell two folders apart (each counts from 1). It is compared when the rows change, not
 * when it changes: rows still on screen from before a switch are not a new list yet.
 */
export function useListGeneration(messages: readonly { uid: number }[], listKey: string): { generation: number; overscan: number } {
  const [seen, setSeen] = useState({ list: messages, key: listKey, generation: 0 });
  let generation = seen.generation;
  if (seen.list !== messages) {
    // Adjusting state while rendering (React's documented pattern): this render already uses the new value.
    generation = seen.key === listKey && continuesList(seen.list, messages) ? seen.generation : seen.generation + 1;
    setSeen({ list: messages, key: listKey, generation });
  }
  const [painted, setPainted] = useState(-1);
  useEffect(() => {
    if (painted === generation) return;
    let live = true;
    void afterPaint().then(() => {
      if (live) setPainted(generation);
    });
    return () => {
      live = false;
    };
  }, [generation, painted]);
  return { generation, overscan: painted === generation ? OVERSCAN : FIRST_OVERSCAN };
}
