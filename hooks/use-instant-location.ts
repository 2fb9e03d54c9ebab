"use client";

import { useCallback, useState } from "react";

interface Pending {
  /** The address the navigation will have, and the one it left. */
  href: string;
  from: string;
  /** Set once the address is written (after the frame that shows it). */
  pushed: boolean;
}

/**
 * The mail page's location, shown in the click's own render (issue 13). Next.js applies a pushState to
 * usePathname/useSearchParams in a transition: a render of the whole app scheduled after the click, which
 * on this machine put a folder switch from the tab's cache ~60 ms after the click. So a switch sets this
 * state, which React renders synchronously at the end of the click event, and the address is written
 * after that frame is painted. Once Next's hooks have caught up with the address, or the address moved on
 * (back/forward, another navigation), they alone decide again. Same pattern as useInstantOpen.
 */
export function useInstantLocation(pathname: string | null, searchParams: URLSearchParams | null): {
  pathname: string | null;
  searchParams: URLSearchParams | null;
  show: (href: string) => (written: boolean) => void;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const here = typeof window !== "undefined" ? window.location.href : "";
  let target: URL | null = null;
  if (pending) {
    const u = new URL(pending.href);
    const caughtUp = pathname === u.pathname && (searchParams?.toString() ?? "") === u.searchParams.toString();
    const current = here === pending.href || (!pending.pushed && here === pending.from);
    if (!caughtUp && current) target = u;
  }
  // Adjusting state while rendering (React's documented pattern): no extra commit with a stale value.
  if (pending && !target) setPending(null);
  /** Shows `href` now; returns what to call once the address has been written (true) or given up (false). */
  const show = useCallback((href: string) => {
    const p: Pending = { href: new URL(href, window.location.href).href, from: window.location.href, pushed: false };
    setPending(p);
    return (written: boolean) => {
      if (written) p.pushed = true;
      else setPending((cur) => (cur === p ? null : cur));
    };
  }, []);
  return target ? { pathname: target.pathname, searchParams: target.searchParams, show } : { pathname, searchParams, show };
}
