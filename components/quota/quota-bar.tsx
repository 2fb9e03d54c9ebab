"use client";

import { useState } from "react";
import { useQuota } from "@/hooks/use-quota";
import type { Folder } from "@/lib/shared/types";
import { buttonClass } from "@/components/ui/button";
import { formatSize } from "@/components/mail/format";
import { FreeUpSpaceDialog } from "@/components/quota/free-up-space-dialog";

/**
 * The storage bar under the folders (IMAP QUOTA): hidden when the server reports no quota. "Free up
 * space" lists the largest messages and attachments of the account.
 */
export function QuotaBar({ enabled, folders, onChanged }: { enabled: boolean; folders: Folder[]; onChanged: () => void }) {
  const { quota, reload } = useQuota(enabled);
  const [open, setOpen] = useState(false);
  if (!quota) return null;
  const pct = Math.min(100, Math.round((quota.usedBytes / quota.limitBytes) * 100));
  const tone = pct >= 90 ? "bg-red-600 dark:bg-red-500" : pct >= 75 ? "bg-amber-500" : "bg-accent-600 dark:bg-accent-400";
  const words = `${formatSize(quota.usedBytes)} of ${formatSize(quota.limitBytes)} used`;
  return (
    <div className="shrink-0 border-t border-zinc-200/80 px-3 py-3 dark:border-zinc-800" data-quota="">
      <div className="flex items-baseline justify-between gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
        <span id="quota-label">Storage</span>
        <span className="tabular-nums">{pct}%</span>
      </div>
      <div
        role="meter"
        aria-labelledby="quota-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={words}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(pct, 1)}%` }} />
      </div>
      <p className="mt-1.5 text-[13px] text-zinc-600 dark:text-zinc-400">{words}</p>
      <button type="button" onClick={() => setOpen(true)} className={buttonClass("ghost", "sm", "-ml-2.5 mt-1 min-h-11 sm:min-h-0")}>
        Free up space
      </button>
      <FreeUpSpaceDialog
        open={open}
        onClose={() => setOpen(false)}
        folders={folders}
        onChanged={() => {
          void reload();
          onChanged();
        }}
      />
    </div>
  );
}
