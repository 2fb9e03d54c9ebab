"use client";

import type { ConversationThread, ThreadMember } from "@/lib/shared/conversation-types";
import { participants, type ThreadAction } from "@/lib/shared/conversation-view";
import { senderName, subjectText } from "@/components/mail/format";
import { useListDate } from "@/components/mail/list-date";
import { buttonClass, iconButtonClass } from "@/components/ui/button";
import { ListEmpty, ListError } from "@/components/mail/list-states";
import { ArchiveIcon, FlagIcon, InboxIcon, MailIcon, MailOpenIcon, MoreIcon, PaperclipIcon, TrashIcon } from "@/components/ui/icons";
import { MenuButton } from "@/components/ui/menu-button";
import { useDatePrefs } from "@/components/mail/use-date-prefs";
import { useThreadKeys } from "@/components/mail/use-thread-keys";

interface Props {
  threads: ConversationThread[];
  folder: string;
  me: string;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  openUid: number | null;
  archiveFolder: string | null;
  onOpen: (thread: ConversationThread) => void;
  onAction: (thread: ConversationThread, action: ThreadAction) => void;
  onLoadMore: () => void;
  onRetry: () => void;
}

// The snippet comes from the row when the server sends one (issue 12 point 1, built alongside);
// until then the row shows who wrote last instead.
const snippetOf = (m: ThreadMember) => (m as ThreadMember & { snippet?: string }).snippet?.trim() || "";

function ThreadRow({ thread, folder, me, open, archiveFolder, onOpen, onAction }: { thread: ConversationThread; folder: string; me: string; open: boolean } & Pick<Props, "archiveFolder" | "onOpen" | "onAction">) {
  const prefs = useDatePrefs();
  const newest = thread.messages.at(-1)!;
  const date = useListDate(newest.date, prefs);
  const people = participants(thread, me);
  const count = thread.messages.length;
  const unread = thread.messages.some((m) => !m.seen);
  const flagged = thread.messages.some((m) => m.flagged);
  const attachments = thread.messages.some((m) => m.hasAttachments);
  // The conversation is named by how it began, as people remember it ("Offsite plan", not "Re: Re: …").
  const subject = subjectText(thread.messages[0].subject);
  const snippet = snippetOf(newest);
  const line = snippet || `${newest.from?.address?.toLowerCase() === me.toLowerCase() ? "me" : senderName(newest.from)}: ${subjectText(newest.subject)}`;
  const label = [people.join(", "), subject, count > 1 ? `${count} messages` : "", unread ? "unread" : "", flagged ? "flagged" : "", date].filter(Boolean).join(", ");
  const act = (a: ThreadAction) => () => onAction(thread, a);

  return (
    <li
      data-thread-row=""
      className={`group relative flex border-b border-zinc-100 dark:border-zinc-800/80 ${open ? "bg-accent-50 dark:bg-accent-500/12" : "bg-white hover:bg-zinc-50 dark:bg-zinc-950 dark:hover:bg-zinc-900"}`}
    >
      {open && <span aria-hidden="true" className="absolute inset-y-0 left-0 w-[3px] bg-accent-600 dark:bg-accent-400" />}
      <button
        type="button"
        aria-label={label}
        aria-current={open ? "true" : undefined}
        onClick={() => onOpen(thread)}
        className="flex min-w-0 flex-1 flex-col justify-center gap-0.5 py-2 pl-4 pr-2 text-left focus-visible:outline-offset-[-2px]"
      >
        <span className="flex w-full items-baseline gap-2">
          {unread && <span aria-hidden="true" className="relative -top-px size-2 shrink-0 self-center rounded-full bg-accent-600 dark:bg-accent-400" />}
          <span className={`min-w-0 flex-1 truncate text-sm ${unread ? "font-semibold text-zinc-950 dark:text-white" : "font-medium text-zinc-700 dark:text-zinc-300"}`}>
            {people.join(", ")}
          </span>
          {count > 1 && (
            <span aria-hidden="true" data-thread-count="" className="shrink-0 rounded-full bg-zinc-100 px-1.5 text-[11px] font-semibold tabular-nums text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
              {count}
            </span>
          )}
          <time dateTime={newest.date} suppressHydrationWarning className={`shrink-0 text-xs tabular-nums ${unread ? "font-medium text-accent-700 dark:text-accent-300" : "text-zinc-500 dark:text-zinc-400"}`}>
            {date}
          </time>
        </span>
        <span className="flex w-full items-center gap-2">
          <span dir="auto" className={`min-w-0 flex-1 truncate text-[13px] ${unread ? "font-medium text-zinc-900 dark:text-zinc-100" : "text-zinc-700 dark:text-zinc-300"}`}>
            {subject}
          </span>
          <span aria-hidden="true" className="flex shrink-0 items-center gap-1.5 text-zinc-500 dark:text-zinc-400">
            {attachments && <PaperclipIcon className="size-3.5" />}
            {flagged && <FlagIcon filled className="size-3.5 text-amber-500 dark:text-amber-400" />}
          </span>
        </span>
        <span dir="auto" data-thread-snippet="" className="w-full truncate text-[12.5px] text-zinc-500 dark:text-zinc-400">
          {line}
        </span>
      </button>
      {/* Actions on the whole conversation: on desktops as icons floating over the row on hover and
          keyboard focus (taking no width otherwise); on phones (no hover, little width) in one menu. */}
      <span className="flex shrink-0 items-center pr-1 md:hidden">
        <MenuButton
          label={`Actions for conversation: ${subject}`}
          menuLabel="Conversation actions"
          align="end"
          className={`${iconButtonClass} size-11`}
          items={[
            { key: "archive", label: "Archive conversation", onSelect: act("archive"), disabled: !archiveFolder || folder === archiveFolder },
            { key: "delete", label: "Delete conversation", onSelect: act("delete") },
            { key: "read", label: unread ? "Mark conversation as read" : "Mark conversation as unread", onSelect: act(unread ? "read" : "unread") },
            { key: "flag", label: flagged ? "Remove flag from conversation" : "Flag conversation", onSelect: act(flagged ? "unflag" : "flag") },
          ]}
        >
          <MoreIcon className="size-4" />
        </MenuButton>
      </span>
      <span
        role="group"
        aria-label={`Actions for conversation: ${subject}`}
        className="absolute right-2 top-1/2 hidden -translate-y-1/2 items-center gap-0.5 rounded-lg border border-zinc-200 bg-white p-0.5 opacity-0 shadow-sm group-hover:opacity-100 focus-within:opacity-100 md:flex dark:border-zinc-700 dark:bg-zinc-900"
      >
        <button type="button" className={iconButtonClass} aria-label="Archive conversation" title={archiveFolder ? "Archive conversation" : "No Archive folder on this account"} disabled={!archiveFolder || folder === archiveFolder} onClick={act("archive")}>
          <ArchiveIcon className="size-4" />
        </button>
        <button type="button" className={iconButtonClass} aria-label="Delete conversation" title="Delete conversation" onClick={act("delete")}>
          <TrashIcon className="size-4" />
        </button>
        <button type="button" className={iconButtonClass} aria-label={unread ? "Mark conversation as read" : "Mark conversation as unread"} title={unread ? "Mark as read" : "Mark as unread"} onClick={act(unread ? "read" : "unread")}>
          {unread ? <MailOpenIcon className="size-4" /> : <MailIcon className="size-4" />}
        </button>
        <button type="button" className={iconButtonClass} aria-label="Flag conversation" aria-pressed={flagged} title={flagged ? "Remove flag" : "Flag conversation"} onClick={act(flagged ? "unflag" : "flag")}>
          <FlagIcon filled={flagged} className={`size-4 ${flagged ? "text-amber-500 dark:text-amber-400" : ""}`} />
        </button>
      </span>
    </li>
  );
}

/** The folder as conversations: one row per thread, newest activity first. */
export function ThreadList(props: Props) {
  const { threads, loading, error, hasMore, loadingMore, openUid, folder } = props;
  const listRef = useThreadKeys(props);
  if (loading && threads.length === 0) {
    return (
      <div className="min-h-0 flex-1 px-4 py-6" aria-busy="true">
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Loading conversations…
        </p>
      </div>
    );
  }
  if (error && threads.length === 0) return <ListError message={error} onRetry={props.onRetry} />;
  if (threads.length === 0) return <ListEmpty icon={<InboxIcon className="size-5" />}>No conversations in this folder</ListEmpty>;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
      <ul ref={listRef} aria-label="Conversations">
        {threads.map((t) => (
          <ThreadRow
            key={t.id}
            thread={t}
            folder={folder}
            me={props.me}
            open={openUid !== null && t.messages.some((m) => m.folder === folder && m.uid === openUid)}
            archiveFolder={props.archiveFolder}
            onOpen={props.onOpen}
            onAction={props.onAction}
          />
        ))}
      </ul>
      {hasMore && (
        <div className="flex justify-center p-3">
          <button type="button" onClick={props.onLoadMore} disabled={loadingMore} className={buttonClass("secondary", "sm")}>
            {loadingMore ? "Loading…" : "Load older conversations"}
          </button>
        </div>
      )}
    </div>
  );
}
