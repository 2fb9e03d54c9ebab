"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False while React hydrates server-rendered HTML (issue 13 point 5: the first page is in the page's
 * HTML), true on every render after. Text that depends on the reader's time zone or clock must not
 * differ between the server's render and hydration, or React throws the server's HTML away.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false);
}
