"use client";

import type { ReactNode } from "react";
import type { SearchField } from "@/hooks/use-messages";
import { iconButtonClass } from "@/components/ui/button";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { formatCount, plural } from "@/components/mail/format";

interface ListHeaderProps {
  title: string;
  /** Shown after the title ("· 12 messages"); null hides it. */
  count: number | null;
  /** More than `count` (a search counted up to a cap): "1,000+ messages". */
  countAtLeast?: boolean;
  query: string;
  field: SearchField;
  /** A team view of the folder ("Assigned to me"), shown under the title. */
  viewLabel?: string;
  onShowFolders: () => void;
  toolbar: ReactNode;
  /** Switches for how the list shows (the "Conversations" toggle). */
  actions?: ReactNode;
}

/** Above the message list: back to folders (phones), the folder's name and count, search words, the toolbar. */
export function ListHeader({ title, count, countAtLeast, query, field, viewLabel, onShowFolders, toolbar, actions }: ListHeaderProps) {
  return (
    <div className="shrink-0 border-b border-zinc-200/80 px-2 pt-2 dark:border-zinc-800">
      <div className="px-2 pb-2 pt-1">
        {/* The switches share the title's line: a line of their own pushed every list ~30 px down. So does
            the way back to the folders (below lg), an arrow before the title as in most mail apps. */}
        <div className="flex min-h-8 items-center gap-2">
          <button type="button" onClick={onShowFolders} aria-label="Back to folders" title="Back to folders" className={`${iconButtonClass} -ml-2 shrink-0 lg:hidden`}>
            <ChevronLeftIcon className="size-5" />
          </button>
          <h1 className="min-w-0 flex-1 truncate text-lg font-semibold tracking-tight text-zinc-950 dark:text-white">
            {title}
            {count !== null && <span className="font-normal text-zinc-500 dark:text-zinc-400"> · {countAtLeast ? `${formatCount(count)}+ messages` : plural(count, "message")}</span>}
          </h1>
          {actions && <div className="-mr-1 flex shrink-0 items-center gap-1">{actions}</div>}
        </div>
        {viewLabel && <p className="mt-0.5 truncate text-[13px] font-medium text-accent-700 dark:text-accent-300">{viewLabel}</p>}
        {query && (
          <p className="mt-0.5 truncate text-[13px] text-zinc-500 dark:text-zinc-400">
            Search results for “{query}”{field !== "all" ? ` in ${field[0].toUpperCase()}${field.slice(1)}` : ""}
          </p>
        )}
      </div>
      {toolbar ? <div className="pb-1.5">{toolbar}</div> : <div className="pb-1" />}
    </div>
  );
}
