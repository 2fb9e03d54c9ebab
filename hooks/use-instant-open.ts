"use client";

import { useCallback, useState } from "react";

/**
 * The open message, shown in the click's own render (issue 13). The URL stays the source of truth, but
 * Next.js applies a pushState to useSearchParams in a transition: a render of the whole app scheduled
 * after the click, then the reading pane's own round. So a click also sets this state, which React
 * renders synchronously at the end of the click event; once the router has caught up (or the address
 * moved on: back, another folder) the URL alone decides again.
 */
export function useInstantOpen(urlUid: number | null): { openUid: number | null; showOpen: (uid: number, href: string) => void } {
  const [pending, setPending] = useState<{ uid: number; href: string } | null>(null);
  const valid = pending !== null && pending.uid !== urlUid && typeof window !== "undefined" && window.location.href === pending.href;
  // Adjusting state while rendering (React's documented pattern): no extra commit with a stale value.
  if (pending && !valid) setPending(null);
  const showOpen = useCallback((uid: number, href: string) => setPending({ uid, href: new URL(href, window.location.href).href }), []);
  return { openUid: valid ? pending.uid : urlUid, showOpen };
}
