"use client";

import { memo } from "react";
import type { MessageSummary } from "@/lib/shared/types";
import type { PresencePerson } from "@/lib/shared/collab-types";
import type { TeamPerson } from "@/lib/shared/team-types";
import { TeamAvatar } from "@/components/mail/team-avatar";
import { rowPresenceLabel } from "@/lib/shared/presence-words";
import { listDateOf, senderWarningOf } from "@/components/mail/row-text";
import { SpriteIcon } from "@/components/ui/icon-sprite";
import { focusShowsActions, useRowHover } from "@/hooks/use-row-hover";
import { formatListDate, recipientsText, senderName, subjectText, type DatePrefs } from "@/components/mail/format";
import { RowContextMenu, RowHoverActions, SwipeHint, useRowGestures, useRowKeyboardFocus } from "@/components/mail/row-actions";
import { Highlighted } from "@/components/search/highlight";
import { earlyListDate, type EarlyDates } from "@/hooks/page-clock";

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
  /**
   * Read once by the list, not by each row (issue 13: three store subscriptions and two effects less per
   * row, mounted and unmounted ~20 times on every switch): the row's height (Settings → Density), the date
   * settings (a change re-renders the rows), and whether the page has hydrated (before, dates are the
   * server's: `early`, hooks/page-clock.ts).
   */
  rowHeight: number;
  datePrefs: DatePrefs;
  hydrated: boolean;
  early?: EarlyDates | null;
}

export function rowLabel(m: MessageSummary, showRecipients = false, date = formatListDate(m.date), warning = senderWarningOf(m)): string {
  const parts = [showRecipients ? recipientsText(m.to) : senderName(m.from), subjectText(m.subject)];
  // A lying sender is said in the row's name too, not only shown as a mark (issue 10 point 8).
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
  rowHeight,
  datePrefs,
  hydrated,
  early = null,
}: MessageRowProps) {
  const date = hydrated ? listDateOf(m.date, datePrefs) : earlyListDate(m.date, early);
  const presence = others?.length ? rowPresenceLabel(others) : "";
  const replying = others?.some((p) => p.activity === "replying") ?? false;
  const sender = showRecipients ? recipientsText(m.to) : senderName(m.from);
  const subject = subjectText(m.subject);
  const unread = !m.seen;
  const senderWarning = senderWarningOf(m);
  const gestures = useRowGestures(m);
  const keyboard = useRowKeyboardFocus();
  const hover = useRowHover();
  const markers = Boolean(presence || readBy || m.answered || m.hasAttachments || m.flagged);

  return (
    <div
      {...gestures.handlers}
      {...keyboard.handlers}
      {...hover.handlers}
      role="listitem"
      aria-setsize={setSize}
      aria-posinset={index + 1}
      data-index={index}
      data-uid={m.uid}
      style={{ transform: `translate(${gestures.dx}px, ${top}px)`, height: rowHeight }}
      // Short component classes (app/rows.css): ~20 rows are re-created on every switch, search and jump.
      className={`mr-row${open ? " mr-open" : checked ? " mr-checked" : ""}${unread ? " mr-unread" : ""}`}
    >
      <label className="mr-check">
        <input
          type="checkbox"
          checked={checked}
          tabIndex={active ? 0 : -1}
          aria-label={`Select message from ${sender}: ${subject}`}
          // Click (not change) so Shift+click can select a range; Space also arrives as a click.
          onClick={(e) => onToggleCheck(m.uid, index, e.shiftKey)}
          onChange={() => {}}
        />
      </label>
      <button
        type="button"
        data-row-button=""
        tabIndex={active ? 0 : -1}
        aria-label={[rowLabel(m, showRecipients, date, senderWarning), presence, readBy ? `read by ${readBy}` : "", assignee ? `assigned to ${assignee.self ? "you" : assignee.name}` : ""].filter(Boolean).join(", ")}
        aria-current={open ? "true" : undefined}
        onClick={() => onOpen(m.uid, index)}
        className="mr-btn"
      >
        <span className="mr-l1">
          {unread && <span role="img" aria-label="Unread" className="mr-dot" />}
          {senderWarning && (
            <SpriteIcon name="alert" label={`Sender warning: ${senderWarning}`} data-sender-warning="" className="size-3.5 shrink-0 self-center text-amber-600 dark:text-amber-400" />
          )}
          <span
            // The real address, whatever the display name claims (the reading pane shows it as text).
            title={showRecipients ? m.to.map((a) => a.address).join(", ") || undefined : m.from?.address ? `${m.from.name ? `${m.from.name} ` : ""}<${m.from.address}>` : undefined}
            className="mr-from"
          >
            <Highlighted text={sender} />
          </span>
          {/* The server's text stays if the browser's Intl words "today"'s time slightly differently; the render after hydration writes the browser's. */}
          <time dateTime={m.date} suppressHydrationWarning>
            {date}
          </time>
        </span>
        <span className="mr-l2">
          <span dir="auto" className="mr-subj">
            <Highlighted text={subject} />
            {m.snippet && (
              <span data-snippet="">
                {" — "}
                {/* A body match shows why the row is here when its words are in the first line. */}
                <Highlighted text={m.snippet} />
              </span>
            )}
          </span>
          {markers && (
            <span className="mr-marks">
              {presence && (
                <span title={presence} className={`inline-flex items-center ${replying ? "text-amber-600 dark:text-amber-400" : "text-accent-600 dark:text-accent-400"}`}>
                  <SpriteIcon name={replying ? "pencil" : "eye"} className="size-3.5" />
                </span>
              )}
              {!presence && readBy && (
                <span title={`Read by ${readBy}`} className="inline-flex items-center text-zinc-400 dark:text-zinc-500">
                  <SpriteIcon name="eye" className="size-3.5" />
                </span>
              )}
              {m.answered && <SpriteIcon name="reply" label="Answered" className="size-3.5" />}
              {m.hasAttachments && <SpriteIcon name="paperclip" label="Has attachments" className="size-3.5" />}
              {m.flagged && <SpriteIcon name="flag-filled" label="Flagged" className="size-3.5 text-amber-500 dark:text-amber-400" />}
            </span>
          )}
        </span>
      </button>
      {assignee && (
        // Beside the row's button, not in it: a button's content is not exposed, and the avatar is named.
        <span className="flex w-9 shrink-0 items-center justify-start pr-2">
          <TeamAvatar id={assignee.id} name={assignee.name} />
        </span>
      )}
      {/* Only where they can be seen or reached: under the pointer, or with keyboard focus in the row. */}
      {(hover.hovered || (keyboard.focused && focusShowsActions())) && <RowHoverActions message={m} tabbable={active} shown={keyboard.focused} />}
      <SwipeHint dx={gestures.dx} />
      {gestures.menu && <RowContextMenu message={m} at={gestures.menu} onClose={gestures.closeMenu} />}
    </div>
  );
});
