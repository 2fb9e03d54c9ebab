"use client";

import { memo } from "react";
import type { MessageSummary } from "@/lib/shared/types";
import type { PresencePerson } from "@/lib/shared/collab-types";
import type { TeamPerson } from "@/lib/shared/team-types";
import { TeamAvatar } from "@/components/mail/team-avatar";
import { rowPresenceLabel } from "@/lib/shared/presence-words";
import { rowSenderWarning } from "@/lib/shared/sender-check";
import { AlertIcon, EyeIcon, FlagIcon, PaperclipIcon, PencilIcon, ReplyIcon } from "@/components/ui/icons";
import { useRowHeight } from "@/hooks/use-appearance";
import { formatListDate, recipientsText, senderName, subjectText } from "@/components/mail/format";
import { useListDate } from "@/components/mail/list-date";
import { RowContextMenu, RowHoverActions, SwipeHint, useRowGestures, useRowKeyboardFocus } from "@/components/mail/row-actions";
import { Highlighted } from "@/components/search/highlight";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

// Two lines: sender and date, then subject and the first words of the text, with markers.
export const ROW_HEIGHT = 64;

interface MessageRowProps {
  message: MessageSummary;
  index: number;
  setSize: number;
  top: number;
  open: boolean;
  checked: boolean;
  active: boolean;
  onOpen: (uid: number, index: number) => void;
  onToggleCheck: (uid: number, index: number, range: boolean) => void;
  /** Others on this message right now (shared mailboxes). */
  others?: readonly PresencePerson[];
  /** Who else read it, seen live since the page loaded. */
  readBy?: string;
  /** Who it is assigned to (team work). */
  assignee?: TeamPerson;
  /** Sent and Drafts: name the recipients instead of the sender (yourself). */
  showRecipients?: boolean;
}

export function rowLabel(m: MessageSummary, showRecipients = false, date = formatListDate(m.date)): string {
  const parts = [showRecipients ? recipientsText(m.to) : senderName(m.from), subjectText(m.subject)];
  // A lying sender is said in the row's name too, not only shown as a mark (issue 10 point 8).
  const warning = rowSenderWarning(m);
  if (warning) parts.splice(1, 0, `sender warning: ${warning}`);
  if (!m.seen) parts.push("unread");
  if (m.flagged) parts.push("flagged");
  if (m.hasAttachments) parts.push("has attachments");
  if (m.answered) parts.push("answered");
  if (date) parts.push(date);
  if (m.snippet) parts.push(m.snippet);
  return parts.join(", ");
}

export const MessageRow = memo(function MessageRow({
  message: m,
  index,
  setSize,
  top,
  open,
  checked,
  active,
  onOpen,
  onToggleCheck,
  others,
  readBy,
  assignee,
  showRecipients = false,
}: MessageRowProps) {
  useDatePrefs();
  const rowHeight = useRowHeight(ROW_HEIGHT);
  const date = useListDate(m.date);
  const presence = others?.length ? rowPresenceLabel(others) : "";
  const replying = others?.some((p) => p.activity === "replying") ?? false;
  const sender = showRecipients ? recipientsText(m.to) : senderName(m.from);
  const subject = subjectText(m.subject);
  const unread = !m.seen;
  const senderWarning = rowSenderWarning(m);
  const gestures = useRowGestures(m);
  const keyboard = useRowKeyboardFocus();

  return (
    <div
      {...gestures.handlers}
      {...keyboard.handlers}
      role="listitem"
      aria-setsize={setSize}
      aria-posinset={index + 1}
      data-index={index}
      data-uid={m.uid}
      style={{ transform: `translate(${gestures.dx}px, ${top}px)`, height: rowHeight }}
      className={`group absolute inset-x-0 top-0 flex border-b border-zinc-100 dark:border-zinc-800/80 ${
        open
          ? "bg-accent-50 dark:bg-accent-500/12"
          : checked
            ? "bg-zinc-100 dark:bg-zinc-800/70"
            : "bg-white hover:bg-zinc-50 dark:bg-zinc-950 dark:hover:bg-zinc-900"
      }`}
    >
      {open && <span aria-hidden="true" className="absolute inset-y-0 left-0 w-[3px] bg-accent-600 dark:bg-accent-400" />}
      {/* A label the row's height and 44 px wide on phones: the whole column is the checkbox's touch target. */}
      <label className="flex w-10 shrink-0 cursor-pointer justify-center pt-[13px] max-sm:w-11 pointer-coarse:w-11">
        <input
          type="checkbox"
          checked={checked}
          tabIndex={active ? 0 : -1}
          aria-label={`Select message from ${sender}: ${subject}`}
          // Click (not change) so Shift+click can select a range; Space also arrives as a click.
          onClick={(e) => onToggleCheck(m.uid, index, e.shiftKey)}
          onChange={() => {}}
          className="size-4 rounded border-zinc-300"
        />
      </label>
      <button
        type="button"
        data-row-button=""
        tabIndex={active ? 0 : -1}
        aria-label={[rowLabel(m, showRecipients, date), presence, readBy ? `read by ${readBy}` : "", assignee ? `assigned to ${assignee.self ? "you" : assignee.name}` : ""].filter(Boolean).join(", ")}
        aria-current={open ? "true" : undefined}
        onClick={() => onOpen(m.uid, index)}
        className="flex min-w-0 flex-1 flex-col justify-center gap-0.5 py-2 pr-4 text-left focus-visible:outline-offset-[-2px]"
      >
        <span className="flex w-full items-baseline gap-2">
          {unread && (
            <span
              role="img"
              aria-label="Unread"
              className="relative -top-px size-2 shrink-0 self-center rounded-full bg-accent-600 dark:bg-accent-400"
            />
          )}
          {senderWarning && (
            <AlertIcon label={`Sender warning: ${senderWarning}`} data-sender-warning="" className="size-3.5 shrink-0 self-center text-amber-600 dark:text-amber-400" />
          )}
          <span
            // The real address, whatever the display name claims (the reading pane shows it as text).
            title={showRecipients ? m.to.map((a) => a.address).join(", ") || undefined : m.from?.address ? `${m.from.name ? `${m.from.name} ` : ""}<${m.from.address}>` : undefined}
            className={`min-w-0 flex-1 truncate text-sm ${
              unread ? "font-semibold text-zinc-950 dark:text-white" : "font-medium text-zinc-700 dark:text-zinc-300"
            }`}
          >
            <Highlighted text={sender} />
          </span>
          <time
            dateTime={m.date}
            className={`shrink-0 text-xs tabular-nums ${
              unread ? "font-medium text-accent-700 dark:text-accent-300" : "text-zinc-600 dark:text-zinc-400"
            }`}
          >
            {date}
          </time>
        </span>
        <span className="flex w-full items-center gap-2">
          <span
            dir="auto"
            className={`min-w-0 flex-1 truncate text-[13px] ${
              unread ? "font-medium text-zinc-900 dark:text-zinc-100" : "text-zinc-700 dark:text-zinc-300"
            }`}
          >
            <Highlighted text={subject} />
            {m.snippet && (
              <span data-snippet="" className="font-normal text-zinc-600 dark:text-zinc-400">
                {" — "}
                {m.snippet}
              </span>
            )}
          </span>
          <span className="flex shrink-0 items-center gap-1.5 text-zinc-600 dark:text-zinc-400">
            {presence && (
              <span title={presence} className={`inline-flex items-center ${replying ? "text-amber-600 dark:text-amber-400" : "text-accent-600 dark:text-accent-400"}`}>
                {replying ? <PencilIcon className="size-3.5" /> : <EyeIcon className="size-3.5" />}
              </span>
            )}
            {!presence && readBy && (
              <span title={`Read by ${readBy}`} className="inline-flex items-center text-zinc-400 dark:text-zinc-500">
                <EyeIcon className="size-3.5" />
              </span>
            )}
            {m.answered && <ReplyIcon label="Answered" className="size-3.5" />}
            {m.hasAttachments && <PaperclipIcon label="Has attachments" className="size-3.5" />}
            {m.flagged && <FlagIcon label="Flagged" filled className="size-3.5 text-amber-500 dark:text-amber-400" />}
          </span>
        </span>
      </button>
      {assignee && (
        // Beside the row's button, not in it: a button's content is not exposed, and the avatar is named.
        <span className="flex w-9 shrink-0 items-center justify-start pr-2">
          <TeamAvatar id={assignee.id} name={assignee.name} />
        </span>
      )}
      <RowHoverActions message={m} tabbable={active} shown={keyboard.focused} />
      <SwipeHint dx={gestures.dx} />
      {gestures.menu && <RowContextMenu message={m} at={gestures.menu} onClose={gestures.closeMenu} />}
    </div>
  );
});
