"use client";

import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";

/**
 * Where the list's top row should be after `prev` became `next` (rows inserted or removed above it), as a
 * scroll offset; null to leave the list where it is. `scrollTop` is the list's offset before the change.
 * At the very top the person sees new mail come in, as every mail app does; scrolled down, the row they were
 * reading stays where it was instead of sliding down one row per arriving message.
 */
export function keptScrollTop(prev: readonly { uid: number }[], next: readonly { uid: number }[], scrollTop: number, rowHeight: number): number | null {
  if (scrollTop < 1 || rowHeight <= 0) return null;
  const top = Math.floor(scrollTop / rowHeight);
  const anchor = prev[top];
  if (!anchor) return null;
  if (next[top]?.uid === anchor.uid) return null;
  const moved = next.findIndex((m) => m.uid === anchor.uid);
  if (moved < 0) return null;
  return scrollTop + (moved - top) * rowHeight;
}

/**
 * Keeps the rows on screen in place while the person is scrolled down: when the same list changes above
 * them (new mail arriving, a message deleted elsewhere), and when the list's box moves because something
 * above it appeared or went (the "Mark all as read" line comes with the first unread message). The rows
 * are positioned by the virtualizer, so the browser's own scroll anchoring never applies; the offset is
 * moved before the frame is painted. Another list (`generation` changed) or another row height is left alone.
 */
export function useKeepPlace(scrollRef: RefObject<HTMLElement | null>, messages: readonly { uid: number }[], generation: number, rowHeight: number): void {
  const seen = useRef({ messages, generation, rowHeight });
  useLayoutEffect(() => {
    const prev = seen.current;
    seen.current = { messages, generation, rowHeight };
    const el = scrollRef.current;
    if (!el || prev.messages === messages || prev.generation !== generation || prev.rowHeight !== rowHeight) return;
    const to = keptScrollTop(prev.messages, messages, el.scrollTop, rowHeight);
    if (to !== null) el.scrollTop = to;
  }, [scrollRef, messages, generation, rowHeight]);

  // The list's box moved down (or up) by as much as it shrank (or grew): something above it changed.
  // ResizeObserver reports after layout and before paint, so the rows never show in between.
  const observed = useRef<{ el: HTMLElement; ro: ResizeObserver } | null>(null);
  useEffect(() => {
    const el = scrollRef.current;
    if (observed.current?.el === el) return;
    observed.current?.ro.disconnect();
    observed.current = null;
    if (!el || typeof ResizeObserver !== "function") return;
    let last = { top: el.getBoundingClientRect().top, height: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const now = { top: el.getBoundingClientRect().top, height: el.clientHeight };
      const moved = now.top - last.top;
      // A hidden list (phones: another pane shows) has no place to keep.
      if (moved !== 0 && last.height > 0 && now.height > 0 && el.scrollTop > 0) el.scrollTop += moved;
      last = now;
    });
    ro.observe(el);
    observed.current = { el, ro };
  });
  useEffect(() => () => observed.current?.ro.disconnect(), []);
}
