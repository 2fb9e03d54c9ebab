"use client";

import { useHydrated } from "@/hooks/use-hydrated";
import { earlyListDate, useEarlyDates } from "@/hooks/page-clock";
import { formatListDate, type DatePrefs } from "@/components/mail/format";

/** A row's date in the reader's time zone; before hydration, as the server wrote it (hooks/page-clock.ts). */
export function useListDate(iso: string, prefs: DatePrefs): string {
  const early = useEarlyDates(prefs);
  return useHydrated() ? formatListDate(iso, undefined, prefs) : earlyListDate(iso, early);
}
