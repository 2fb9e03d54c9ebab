"use client";

import { useEffect, useState } from "react";
import { plural } from "@/components/mail/format";

interface SearchProgressProps {
  searching: boolean;
  /** Rows found so far. */
  found: number;
  stoppedEarly: boolean;
}

/**
 * How long a search may go on after its first rows before the line says it is still searching. Most
 * searches that have rows end soon after (the POP3 cache counts its matches, up to 1,000, in a few
 * milliseconds): a line shown for that long would only push the rows down and back up.
 */
export const PROGRESS_AFTER_ROWS_MS = 150;

/** The line's words: "Still searching…" at once while nothing is found, with the count once the search is `late`. */
export function progressText({ searching, found, stoppedEarly, late }: SearchProgressProps & { late: boolean }): string {
  if (searching) {
    if (found === 0) return "Still searching…";
    return late ? `Still searching… ${plural(found, "match", "matches")} so far` : "";
  }
  return stoppedEarly ? "The search stopped early: older mail was not searched." : "";
}

/**
 * Under the list header while a folder search streams in: "Still searching…" as long as the server
 * is looking through older mail (once rows are on screen, only after PROGRESS_AFTER_ROWS_MS), then
 * nothing (or a note that the search stopped early). The live region is always mounted so screen
 * readers hear each change.
 */
export function SearchProgress({ searching, found, stoppedEarly }: SearchProgressProps) {
  const withRows = searching && found > 0;
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!withRows) return;
    const timer = setTimeout(() => setLate(true), PROGRESS_AFTER_ROWS_MS);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [withRows]);
  const text = progressText({ searching, found, stoppedEarly, late });
  return (
    <div role="status" aria-live="polite" data-search-progress={searching ? "searching" : stoppedEarly ? "stopped" : "done"} className={text ? "flex shrink-0 items-center gap-2 border-b border-zinc-100 px-4 py-1.5 text-[13px] text-zinc-600 dark:border-zinc-800/80 dark:text-zinc-400" : "sr-only"}>
      {text && searching && <span aria-hidden="true" className="size-3 shrink-0 animate-spin rounded-full border-2 border-zinc-300 border-t-accent-600 dark:border-zinc-700 dark:border-t-accent-400" />}
      {text}
    </div>
  );
}
