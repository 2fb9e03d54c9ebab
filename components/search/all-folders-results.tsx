"use client";

import type { Folder, MessageSummary } from "@/lib/shared/types";
import type { AllFoldersState } from "@/hooks/use-all-folders-search";
import { formatCount, formatListDate, labelForPath, recipientsText, senderName, subjectText } from "@/components/mail/format";
import { rowLabel } from "@/components/mail/message-row";
import { Highlighted } from "@/components/search/highlight";
import { buttonClass } from "@/components/ui/button";
import { AlertIcon, FlagIcon, PaperclipIcon, ReplyIcon, SearchIcon } from "@/components/ui/icons";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

interface AllFoldersResultsProps {
  query: string;
  state: AllFoldersState;
  folders: Folder[];
  /** The folder and message open in the reading pane. */
  openFolder: string;
  openUid: number | null;
  onOpen: (folder: string, uid: number) => void;
  /** "Show all N": the folder search in that folder. */
  onShowFolder: (folder: string) => void;
}

/**
 * A match, in the list's own row look (app/rows.css): the unread dot and date, flag, attachment and
 * answered marks, the snippet when the server gave one; Sent and Drafts name the recipients, as there.
 */
function ResultRow({ m, open, showRecipients, onOpen }: { m: MessageSummary; open: boolean; showRecipients: boolean; onOpen: () => void }) {
  useDatePrefs();
  const who = showRecipients ? recipientsText(m.to) : senderName(m.from);
  const subject = subjectText(m.subject);
  const date = formatListDate(m.date);
  const marks = m.answered || m.hasAttachments || m.flagged;
  return (
    <li className={m.seen ? undefined : "mr-unread"}>
      <button
        type="button"
        onClick={onOpen}
        aria-current={open ? "true" : undefined}
        aria-label={rowLabel(m, showRecipients, date)}
        className={`flex w-full flex-col gap-0.5 border-b border-zinc-100 px-4 py-2.5 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-500 dark:border-zinc-800/80 ${
          open ? "bg-accent-50 dark:bg-accent-500/12" : "hover:bg-zinc-50 dark:hover:bg-zinc-900"
        }`}
      >
        <span className="mr-l1">
          {!m.seen && <span className="mr-dot" />}
          <span className="mr-from">
            <Highlighted text={who} />
          </span>
          <time dateTime={m.date}>{date}</time>
        </span>
        <span className="mr-l2">
          <span dir="auto" className="mr-subj">
            <Highlighted text={subject} />
            {m.snippet && (
              <span data-snippet="">
                {" — "}
                <Highlighted text={m.snippet} />
              </span>
            )}
          </span>
          {marks && (
            <span className="mr-marks" aria-hidden="true">
              {m.answered && <ReplyIcon className="size-3.5" />}
              {m.hasAttachments && <PaperclipIcon className="size-3.5" />}
              {m.flagged && <FlagIcon filled className="size-3.5 text-amber-500 dark:text-amber-400" />}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}

/** "All folders" search results, grouped by folder; a message opens in the reading pane beside them. */
export function AllFoldersResults({ query, state, folders, openFolder, openUid, onOpen, onShowFolder }: AllFoldersResultsProps) {
  const { result, loading, error } = state;

  if (loading) {
    return (
      <div role="status" className="flex flex-1 items-center justify-center px-8 text-sm text-zinc-600 dark:text-zinc-400">
        Searching all folders…
      </div>
    );
  }
  if (error) {
    return (
      <div role="alert" className="flex flex-1 flex-col items-center justify-center gap-3 px-8 text-center">
        <AlertIcon className="size-5 text-red-600 dark:text-red-400" />
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{error}</p>
        <button type="button" onClick={state.reload} className={buttonClass("secondary", "sm")}>
          Try again
        </button>
      </div>
    );
  }
  if (!result) return null;

  const found = result.groups.reduce((n, g) => n + g.total, 0);
  // A folder counted up to its store's cap: the sum is a lower bound too.
  const more = result.groups.some((g) => g.totalAtLeast) ? "+" : "";
  // The server's Sent and Drafts (special-use): their rows name the recipients, as the folder's own list does.
  const recipientsFirst = new Set(folders.filter((f) => f.specialUse === "sent" || f.specialUse === "drafts").map((f) => f.path));
  const stopped =
    result.stoppedBy === "deadline"
      ? `The search stopped early after ${result.searchedFolders} of ${result.totalFolders} folders because it took too long.`
      : result.stoppedBy === "cap"
        ? `Only the first ${result.searchedFolders} of ${result.totalFolders} folders were searched.`
        : null;

  return (
    <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain" data-testid="all-folders-results">
      <p role="status" className="px-4 py-2 text-xs text-zinc-600 dark:text-zinc-400">
        {found === 0 ? `No messages match “${query}” in any folder` : `${formatCount(found)}${more} ${found === 1 && !more ? "match" : "matches"} in ${result.groups.length} ${result.groups.length === 1 ? "folder" : "folders"}`}
      </p>
      {stopped && (
        <div role="note" className="mx-4 mb-2 flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
          <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
          <span>
            {stopped}
            {result.notSearched.length > 0 && ` Not searched: ${result.notSearched.slice(0, 5).map((p) => labelForPath(p, folders)).join(", ")}${result.notSearched.length > 5 ? "…" : ""}.`}
          </span>
        </div>
      )}
      {found === 0 && (
        <div className="flex flex-col items-center gap-3 px-8 py-10 text-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-400 dark:bg-zinc-900 dark:text-zinc-500">
            <SearchIcon className="size-5" />
          </span>
        </div>
      )}
      {result.groups.map((g) => {
        const label = labelForPath(g.folder, folders);
        const headingId = `search-group-${encodeURIComponent(g.folder)}`;
        return (
          <section key={g.folder} aria-labelledby={headingId}>
            <h3 id={headingId} className="sticky top-0 z-10 flex items-center justify-between border-b border-zinc-200/80 bg-zinc-50/95 px-4 py-1.5 text-xs font-semibold text-zinc-700 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95 dark:text-zinc-300">
              <span>
                {label} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {formatCount(g.total)}{g.totalAtLeast ? "+" : ""}</span>
              </span>
            </h3>
            <ul aria-label={`Matches in ${label}`}>
              {g.messages.map((m) => (
                <ResultRow key={m.uid} m={m} open={g.folder === openFolder && m.uid === openUid} showRecipients={recipientsFirst.has(g.folder)} onOpen={() => onOpen(g.folder, m.uid)} />
              ))}
            </ul>
            {(g.total > g.messages.length || g.totalAtLeast) && (
              <button type="button" onClick={() => onShowFolder(g.folder)} className="w-full px-4 py-2 text-left text-xs font-medium text-accent-700 hover:bg-zinc-50 dark:text-accent-300 dark:hover:bg-zinc-900">
                Show all {formatCount(g.total)}{g.totalAtLeast ? "+" : ""} in {label}
              </button>
            )}
          </section>
        );
      })}
    </div>
  );
}
