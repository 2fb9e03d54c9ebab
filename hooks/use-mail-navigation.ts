"use client";

import { useCallback } from "react";
import { useSearchParams } from "next/navigation";
import type { SearchField } from "@/hooks/use-messages";
import { mailHref, type MailLocation } from "@/components/mail/mail-url";

/**
 * Navigation writes the URL with the History API (Next.js keeps usePathname/useSearchParams in sync),
 * so back/forward work without a server round trip per click.
 */
export function useMailNavigation(folder: string, q: string, field: SearchField, openUid: number | null) {
  // An "All folders" search stays on while messages open and close (issue 12).
  const scope = useSearchParams()?.get("scope") === "all" && q ? ("all" as const) : undefined;
  const navigate = useCallback((loc: Partial<MailLocation> & { folder: string }, mode: "push" | "replace" = "push") => {
    const href = mailHref(loc);
    if (mode === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, []);

  const openMessage = useCallback(
    (uid: number) => {
      if (uid === openUid) return;
      navigate({ folder, q, field, openUid: uid, scope });
    },
    [folder, q, field, openUid, navigate, scope],
  );

  const closeMessage = useCallback(() => navigate({ folder, q, field, scope }), [folder, q, field, navigate, scope]);

  return { navigate, openMessage, closeMessage };
}
