"use client";

import type { ActivityEntry } from "@/lib/shared/collab-types";
import { activityLine } from "@/lib/shared/presence-words";
import { useActivity } from "@/hooks/use-activity";
import { HistoryIcon } from "@/components/ui/icons";
import { formatStamp } from "@/components/mail/format";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

// The list's date format (issue 12 point 21), with the time.
const when = (iso: string) => formatStamp(iso);

/**
 * "Activity": who in Mailroom read, flagged, moved or deleted this message, and when. In a shared
 * mailbox this answers "who opened it?" when one person's opening marked it read for everyone. Shown once
 * it holds something done by someone else (then with the reader's own entries too).
 */
export function ActivityTrail({ folder, uid, folderLabel }: { folder: string; uid: number; folderLabel?: (path: string) => string }) {
  useDatePrefs();
  const { entries, error } = useActivity(folder, uid);
  const latest: ActivityEntry | undefined = entries[entries.length - 1];
  // Only what someone else did is news (a line under the reader's name is theirs: lib/activity/trail.ts):
  // a trail of one's own reads stood above every message of one's own mailbox.
  if (!error && !entries.some((e) => !e.self)) return null;
  return (
    <details className="group mt-3 text-[13px] text-zinc-600 dark:text-zinc-400">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md py-0.5 pr-1.5 hover:text-zinc-900 dark:hover:text-zinc-200 [&::-webkit-details-marker]:hidden">
        <HistoryIcon className="size-3.5 shrink-0" />
        <span className="font-medium">Activity</span>
        {latest && (
          <span className="text-zinc-500 group-open:hidden dark:text-zinc-400">
            · {activityLine(latest, folderLabel)} · {when(latest.at)}
          </span>
        )}
        <span aria-hidden="true" className="text-zinc-400 transition-transform group-open:rotate-90">›</span>
      </summary>
      {error ? (
        <p className="mt-1.5 pl-5">The activity of this message can&apos;t be shown right now.</p>
      ) : (
        <ol aria-label="Activity" className="mt-1.5 space-y-1 border-l border-zinc-200 pl-4 ml-1.5 dark:border-zinc-800">
          {[...entries].reverse().map((e, i) => (
            <li key={`${e.at}-${i}`} className="flex flex-wrap gap-x-2">
              <span className="text-zinc-800 dark:text-zinc-200">{activityLine(e, folderLabel)}</span>
              <time dateTime={e.at} className="tabular-nums text-zinc-500 dark:text-zinc-400">
                {when(e.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
