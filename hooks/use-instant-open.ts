"use client";

import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { afterPaint } from "@/hooks/after-paint";
import { showInstant } from "@/hooks/instant-open-view";
import { folderFromPathname } from "@/components/mail/mail-url";

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
 *
 * On wide screens the click's task renders even less: the reading pane alone shows the message
 * (hooks/instant-open-view.ts) and this state is set after the frame that shows the body is painted (for
 * a message not fetched ahead: once its answer is shown), so the rest of the app (list selection,
 * toolbar, the pane's secondary parts) follows, and nothing renders in front of the answer — the
 * address too is written only then (OpenShown.ready), with the app's catch-up.
 */
/**
 * What showOpen returns: call it once the address has been written (true) or given up (false). `ready`:
 * when to write the address — after the frame that shows the body. For a message not fetched ahead that
 * is when its answer is painted, not the click's frame: Next's router renders the whole app for a new
 * address (in a transition, but its commit and effects are not interruptible), and that render used to
 * run exactly while the answer was on its way, so the answer waited for it.
 */
export type OpenShown = ((written: boolean) => void) & { ready?: Promise<void> };

/** An open shown by the pane that the app has not rendered yet: `now` brings the app up to date at once (a key). */
type Lagging = ((now: boolean) => void) & { pending?: Pending };

export function useInstantOpen(urlUid: number | null): { openUid: number | null; showOpen: (uid: number, href: string) => OpenShown } {
  const [pending, setPending] = useState<Pending | null>(null);
  const here = typeof window !== "undefined" ? window.location.href : "";
  const valid = pending !== null && pending.uid !== urlUid && (here === pending.href || (!pending.pushed && here === pending.from));
  // Adjusting state while rendering (React's documented pattern): no extra commit with a stale value.
  if (pending && !valid) setPending(null);
  const lagging = useRef<Lagging | null>(null);
  useEffect(() => {
    const onKey = () => lagging.current?.(true);
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, []);
  // The app has rendered the open the pane showed: a key needs no catch-up any more.
  useEffect(() => {
    if (pending !== null && lagging.current?.pending === pending) lagging.current = null;
  }, [pending]);
  /** Shows `uid` now; returns what to call once the address has been written (true) or given up (false). */
  const showOpen = useCallback((uid: number, href: string): OpenShown => {
    const url = new URL(href, window.location.href);
    const p: Pending = { uid, href: url.href, from: window.location.href, pushed: false };
    const folder = folderFromPathname(url.pathname);
    let dropped = false;
    const instant = showInstant(folder, uid);
    let ready: Promise<void> | undefined;
    if (instant) {
      // The app follows the pane after the frame that shows the body, in a transition (interruptible:
      // the next click is not held up by it). A key pressed before then first brings the app up to
      // date, so that a shortcut (archive, delete, j) acts on the message on screen.
      // It stays `lagging` until the app has committed this open (the effect below), not just until the
      // transition is started: a key pressed while that transition is still rendering (a j right after
      // the body appears) must find the open in the app, not move the list cursor instead.
      const catchUp: Lagging = (now: boolean) => {
        if (lagging.current !== catchUp && !now) return;
        if (dropped) return;
        if (now) {
          lagging.current = null;
          // Before its answer: the app's own load takes the answer from here.
          instant.handOver();
          flushSync(() => setPending(p));
        } else startTransition(() => setPending(p));
      };
      catchUp.pending = p;
      lagging.current = catchUp;
      ready = instant.shown.then(() => afterPaint());
      void ready.then(() => catchUp(false));
    } else setPending(p);
    const done: OpenShown = (written: boolean) => {
      if (written) p.pushed = true;
      else {
        dropped = true;
        instant?.drop();
        setPending((cur) => (cur === p ? null : cur));
      }
    };
    done.ready = ready;
    return done;
  }, []);
  return { openUid: valid ? pending.uid : urlUid, showOpen };
}
