"use client";

import type { SyncState } from "@/hooks/use-sync";
import { buttonClass } from "@/components/ui/button";
import { AlertIcon, RefreshIcon } from "@/components/ui/icons";
import { formatLastChecked, formatProgress } from "@/components/account/sync-format";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

/** "Check mail" and what the last or current check is doing (POP3 accounts only). */
export function SyncPanel({ sync }: { sync: SyncState }) {
  useDatePrefs();
  const { status, startError, starting, start } = sync;
  const running = status?.state === "running";
  const busy = running || starting;
  const failed = startError ?? (status?.state === "error" ? (status.error?.message ?? "Checking for mail failed.") : null);
  const total = status?.total ?? 0;
  const done = Math.min(status?.done ?? 0, total || Number.MAX_SAFE_INTEGER);

  const showError = failed !== null && !busy;

  let line: string;
  if (running) line = total > 0 ? formatProgress(done, total, status?.bytes ?? 0) : "Looking for new mail…";
  else if (starting) line = "Looking for new mail…";
  else line = formatLastChecked(status?.finishedAt ?? null);

  return (
    <div className="border-b border-zinc-200/80 px-3 py-3 dark:border-zinc-800">
      <button
        type="button"
        // aria-disabled keeps focus on the button while a check runs; a disabled button would drop it.
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) void start();
        }}
        className={buttonClass("secondary", "md", `w-full ${busy ? "cursor-progress opacity-70" : ""}`)}
      >
        <RefreshIcon className={`size-4 ${busy ? "motion-safe:animate-spin" : ""}`} />
        Check mail
      </button>

      {/* One live region that stays in the DOM, so every change of progress or outcome is announced. */}
      <div
        className={`mt-2.5 rounded-lg ${
          showError ? "bg-red-50 px-2.5 py-2 text-red-800 dark:bg-red-950/50 dark:text-red-200" : "px-0.5 text-zinc-600 dark:text-zinc-400"
        }`}
      >
        <p role="status" aria-label="Mail check" className={`text-xs tabular-nums ${showError ? "" : "truncate"}`}>
          {showError ? (
            <span className="flex gap-1.5">
              <AlertIcon className="mt-px size-3.5 shrink-0" />
              <span>{failed}</span>
            </span>
          ) : (
            line
          )}
        </p>
        {running && (
          <div
            role="progressbar"
            aria-label="Downloading mail"
            aria-valuemin={0}
            aria-valuemax={total > 0 ? total : undefined}
            aria-valuenow={total > 0 ? done : undefined}
            aria-valuetext={total > 0 ? formatProgress(done, total, status?.bytes ?? 0) : "Looking for new mail"}
            className="mt-1.5 h-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
          >
            <div
              className={`h-full rounded-full bg-accent-600 transition-[width] duration-500 ease-out dark:bg-accent-400 ${
                total > 0 ? "" : "w-1/3 motion-safe:animate-pulse"
              }`}
              style={total > 0 ? { width: `${Math.max(2, (done / total) * 100)}%` } : undefined}
            />
          </div>
        )}
        {showError && (
          <button type="button" onClick={() => void start()} className={buttonClass("secondary", "sm", "mt-2")}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
