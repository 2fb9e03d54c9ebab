"use client";

import { useMemo } from "react";
import { useSettings } from "@/hooks/use-settings";
import { setDatePrefs, type DatePrefs } from "@/components/mail/format";

/**
 * The time zone and date format chosen in Settings (issue 12 point 16), for a component that shows dates:
 * calling it re-renders the component when the choice changes, and makes the choice the default of the
 * formatters in components/mail/format.ts (so a row's accessible name, built outside React, agrees).
 */
export function useDatePrefs(): DatePrefs {
  const { settings } = useSettings();
  const { timeZone, dateFormat } = settings;
  const prefs = useMemo(() => ({ timeZone, dateFormat }), [timeZone, dateFormat]);
  // Idempotent: every caller sets the same value from the one settings store.
  setDatePrefs(prefs);
  return prefs;
}
