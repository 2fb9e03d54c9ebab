"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";

// The composer carries the rich editor (ProseMirror/TipTap: most of the mail page's script). It loads
// when someone composes, or once the browser is idle after the first screen, never before the list shows.
const loadComposer = () => import("@/components/compose/composer").then((m) => m.Composer);

export const LazyComposer = dynamic(loadComposer, { ssr: false });

/** Fetches the composer's code when the browser has nothing better to do, so "Compose" still opens at once. */
export function usePreloadComposer(): void {
  useEffect(() => {
    const start = () => void loadComposer().catch(() => {}); // a failed preload loads again on first use
    if (typeof window.requestIdleCallback !== "function") {
      const t = window.setTimeout(start, 1500);
      return () => window.clearTimeout(t);
    }
    const id = window.requestIdleCallback(start, { timeout: 4000 });
    return () => window.cancelIdleCallback(id);
  }, []);
}
