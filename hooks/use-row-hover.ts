"use client";

import { useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";

/**
 * Where a row's hover actions can show: Tailwind's `md` and its `hover` variant (a primary pointer that can
 * hover). Below it, or on a touch screen, the pointer never shows them, so it never mounts them either.
 */
export const ROW_HOVER_MEDIA = "(hover: hover) and (min-width: 48rem)";

/** Where a row with keyboard focus shows them (`md`): a phone never does, so never mounts them either. */
export const ROW_FOCUS_MEDIA = "(min-width: 48rem)";

const media = new Map<string, MediaQueryList>();
function matches(query: string): boolean {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return false;
  let m = media.get(query);
  if (!m) media.set(query, (m = window.matchMedia(query)));
  return m.matches;
}

/** Whether the pointer can show a row's actions here (false on the server and in tests without a window). */
export function hoverShowsActions(): boolean {
  return matches(ROW_HOVER_MEDIA);
}

/** Whether keyboard focus in a row shows its actions here (false on the server). */
export function focusShowsActions(): boolean {
  return matches(ROW_FOCUS_MEDIA);
}

/**
 * Whether the pointer is on this row, for mounting its hover actions only there (issue 13: the buttons
 * and icons of ~20 rows were most of a list's DOM, and were recreated on every folder switch). Their
 * visibility stays with CSS (`.mr-row:hover .mr-actions`), so this only decides whether they exist. The
 * enter is applied at once (flushSync): the buttons are in the same frame as the row's hover background,
 * never one frame late. A pointer that was already on a row the list put under it (the row above was
 * archived) counts from its first move.
 */
export function useRowHover() {
  const [hovered, setHovered] = useState(false);
  const on = useRef(false);
  const handlers = useMemo(() => {
    const enter = () => {
      if (on.current || !hoverShowsActions()) return;
      on.current = true;
      flushSync(() => setHovered(true));
    };
    return {
      onPointerEnter: enter,
      onPointerMove: enter,
      onPointerLeave: () => {
        if (!on.current) return;
        on.current = false;
        setHovered(false);
      },
    };
  }, []);
  return { hovered, handlers };
}
