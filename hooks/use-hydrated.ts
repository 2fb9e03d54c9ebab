"use client";

import { useEffect, useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False while React hydrates server-rendered HTML (issue 13 point 5: the first page is in the page's
 * HTML), true on every render after. Text that depends on the reader's time zone or clock must not
 * differ between the server's render and hydration, or React throws the server's HTML away.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false);
}

/**
 * Sets <html data-mail-ready> once the mail app has hydrated. The server's HTML shows the list before the
 * page's script runs, and a key pressed before then does nothing: the e2e sign-in waits for this mark.
 */
export function useMarkReady(): void {
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.mailReady = "1";
    return () => {
      delete root.dataset.mailReady;
    };
  }, []);
}
