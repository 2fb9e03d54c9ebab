"use client";

import { useCallback, useState } from "react";

interface Pending {
  uid: number;
  /** The address the open will have, and the one it was opened from. */
  href: string;
  from: string;
  /** Set once the address is written (after the frame that shows the message). */
  pushed: boolean;
}

/**
 * The open message, shown in the click's own render (issue 13). The URL stays the source of truth, but
 * Next.js applies a pushState to useSearchParams in a transition: a render of the whole app scheduled
 * after the click, then the reading pane's own round. So a click sets this state, which React renders
 * synchronously at the end of the click event, and the address is written after that frame is painted
 * (`pushed`), so the router's render never delays it. Once the router has caught up, or the address
 * moved on (back, another folder), the URL alone decides again.
 */
export function useInstantOpen(urlUid: number | null): { openUid: number | null; showOpen: (uid: number, href: string) => (written: boolean) => void } {
  const [pending, setPending] = useState<Pending | null>(null);
  const here = typeof window !== "undefined" ? window.location.href : "";
  const valid = pending !== null && pending.uid !== urlUid && (here === pending.href || (!pending.pushed && here === pending.from));
  // Adjusting state while rendering (React's documented pattern): no extra commit with a stale value.
  if (pending && !valid) setPending(null);
  /** Shows `uid` now; returns what to call once the address has been written (true) or given up (false). */
  const showOpen = useCallback((uid: number, href: string) => {
    const p: Pending = { uid, href: new URL(href, window.location.href).href, from: window.location.href, pushed: false };
    setPending(p);
    return (written: boolean) => {
      if (written) p.pushed = true;
      else setPending((cur) => (cur === p ? null : cur));
    };
  }, []);
  return { openUid: valid ? pending.uid : urlUid, showOpen };
}
