"use client";

import { createContext, useContext, useEffect, useMemo } from "react";
import { useHydrated } from "@/hooks/use-hydrated";
import { formatListDate, type DatePrefs } from "@/components/mail/format";
import { rememberBrowserClock, type PageClock } from "@/lib/shared/page-clock";

/** The clock the server rendered this page with (lib/shared/page-clock.ts); null when it did not know the reader's. */
const PageClockContext = createContext<PageClock | null>(null);
export const PageClockProvider = PageClockContext.Provider;

/**
 * How a list writes its dates before the page has hydrated: in the reader's zone (the one chosen in
 * Settings, else the browser's from its cookie), the browser's locale and the server's render time, so
 * the server's HTML and the hydrating render agree. Null once hydrated (the browser's own clock from
 * then on) or when the server did not know the reader's clock (the dates stay empty until then, as before).
 */
export interface EarlyDates {
  prefs: DatePrefs;
  now: Date;
  locale: string;
}

export function useEarlyDates(prefs: DatePrefs): EarlyDates | null {
  const clock = useContext(PageClockContext);
  const hydrated = useHydrated();
  return useMemo(
    () => (hydrated || !clock ? null : { prefs: { timeZone: prefs.timeZone || clock.zone, dateFormat: prefs.dateFormat }, now: new Date(clock.now), locale: clock.locale }),
    [hydrated, clock, prefs.timeZone, prefs.dateFormat],
  );
}

/** A list date before hydration (empty without a clock). */
export function earlyListDate(iso: string, early: EarlyDates | null): string {
  return early ? formatListDate(iso, early.now, early.prefs, early.locale) : "";
}

/** Keeps the browser's clock in its cookie (the sign-in page sets it; a zone or locale may change since). */
export function useRememberClock(): void {
  useEffect(() => rememberBrowserClock(), []);
}
