"use client";

import { useCallback, useLayoutEffect, useRef } from "react";
import { useSearchParams } from "next/navigation";
import type { SearchField } from "@/hooks/use-messages";
import { mailHref, type MailLocation } from "@/components/mail/mail-url";
import { startOpen } from "@/hooks/message-prefetch";
import { afterPaint } from "@/hooks/after-paint";
import type { OpenShown } from "@/hooks/use-instant-open";

/**
 * Navigation writes the URL with the History API (Next.js keeps usePathname/useSearchParams in sync),
 * so back/forward work without a server round trip per click.
 */
export function useMailNavigation(
  folder: string,
  q: string,
  field: SearchField,
  openUid: number | null,
  showOpen?: (uid: number, href: string) => OpenShown,
  showLocation?: (href: string) => (written: boolean) => void,
) {
  // An "All folders" search stays on while messages open and close (issue 12).
  const scope = useSearchParams()?.get("scope") === "all" && q ? ("all" as const) : undefined;
  // Every navigation takes a number: an open's address, written a frame later, is dropped when another
  // navigation (a folder, a search, the next open) came in between.
  const latest = useRef(0);
  const navigate = useCallback((loc: Partial<MailLocation> & { folder: string }, mode: "push" | "replace" = "push") => {
    latest.current += 1;
    const href = mailHref(loc);
    if (mode === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, []);

  // Read at the click, so openMessage stays the same function and the list's memoised rows do not all
  // re-render on every open (issue 13): only the one closed and the one opened.
  const at = useRef({ folder, q, field, openUid, scope, showOpen });
  useLayoutEffect(() => {
    at.current = { folder, q, field, openUid, scope, showOpen };
  });
  const openMessage = useCallback(
    (uid: number) => {
      const { folder, q, field, openUid, scope, showOpen } = at.current;
      if (uid === openUid) return;
      // The request first (unless prefetched), then the render, then the address: written after the
      // frame that shows the message, so the router's own render of the new URL cannot delay it.
      startOpen(folder, uid);
      const loc = { folder, q, field, openUid: uid, scope };
      if (!showOpen) return navigate(loc);
      const ticket = ++latest.current;
      const from = window.location.href;
      const pushed = showOpen(uid, mailHref(loc));
      // After the frame that shows the body (for a message not fetched ahead: once its answer is painted).
      void (pushed.ready ?? afterPaint()).then(() => {
        // Back/forward also moves on without a navigate().
        if (latest.current !== ticket || window.location.href !== from) return pushed(false);
        navigate(loc);
        pushed(true);
      });
    },
    [navigate],
  );

  // A folder switch the same way: shown in the click's own render (useInstantLocation), the address
  // written after that frame, dropped when another navigation came in between.
  const showAt = useRef(showLocation);
  useLayoutEffect(() => {
    showAt.current = showLocation;
  });
  const navigateNow = useCallback(
    (loc: Partial<MailLocation> & { folder: string }) => {
      const show = showAt.current;
      if (!show) return navigate(loc);
      const ticket = ++latest.current;
      const from = window.location.href;
      const shown = show(mailHref(loc));
      void afterPaint().then(() => {
        if (latest.current !== ticket || window.location.href !== from) return shown(false);
        navigate(loc);
        shown(true);
      });
    },
    [navigate],
  );

  const closeMessage = useCallback(() => navigate({ folder, q, field, scope }), [folder, q, field, navigate, scope]);

  return { navigate, navigateNow, openMessage, closeMessage };
}
