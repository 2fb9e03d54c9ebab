"use client";

import { plural } from "@/components/mail/format";

interface SearchProgressProps {
  searching: boolean;
  /** Rows found so far. */
  found: number;
  stoppedEarly: boolean;
}

/**
 * Under the list header while a folder search streams in: "Still searching…" as long as the server
 * is looking through older mail, then nothing (or a note that the search stopped early). The live
 * region is always mounted so screen readers hear each change.
 */
export function SearchProgress({ searching, found, stoppedEarly }: SearchProgressProps) {
  const text = searching ? (found ? `Still searching… ${plural(found, "match", "matches")} so far` : "Still searching…") : stoppedEarly ? "The search stopped early: older mail was not searched." : "";
  return (
    <div role="status" aria-live="polite" data-search-progress={searching ? "searching" : stoppedEarly ? "stopped" : "done"} className={text ? "flex shrink-0 items-center gap-2 border-b border-zinc-100 px-4 py-1.5 text-[13px] text-zinc-600 dark:border-zinc-800/80 dark:text-zinc-400" : "sr-only"}>
      {searching && <span aria-hidden="true" className="size-3 shrink-0 animate-spin rounded-full border-2 border-zinc-300 border-t-accent-600 dark:border-zinc-700 dark:border-t-accent-400" />}
      {text}
    </div>
  );
}
