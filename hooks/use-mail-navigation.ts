"use client";

import { useCallback } from "react";
import type { SearchField } from "@/hooks/use-messages";
import { mailHref, type MailLocation } from "@/components/mail/mail-url";

/**
 * Navigation writes the URL with the History API (Next.js keeps usePathname/useSearchParams in sync),
 * so back/forward work without a server round trip per click.
 */
export function useMailNavigation(folder: string, q: string, field: SearchField, openUid: number | null) {
  const navigate = useCallback((loc: Partial<MailLocation> & { folder: string }, mode: "push" | "replace" = "push") => {
    const href = mailHref(loc);
    if (mode === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, []);

  const openMessage = useCallback(
    (uid: number) => {
      if (uid === openUid) return;
      navigate({ folder, q, field, openUid: uid });
    },
    [folder, q, field, openUid, navigate],
  );

  const closeMessage = useCallback(() => navigate({ folder, q, field }), [folder, q, field, navigate]);

  return { navigate, openMessage, closeMessage };
}
