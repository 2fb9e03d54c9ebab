"use client";

import { useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";

/**
 * Where a row's hover actions can show: Tailwind's `md` and its `hover` variant (a primary pointer that can
 * hover). Below it, or on a touch screen, the pointer never shows them, so it never mounts them either.
 */
export const ROW_HOVER_MEDIA = "(hover: hover) and (min-width: 48rem)";

let media: MediaQueryList | null = null;

/** Whether the pointer can show a row's actions here (false on the server and in tests without a window). */
export function hoverShowsActions(): boolean {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return false;
  media ??= window.matchMedia(ROW_HOVER_MEDIA);
  return media.matches;
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
