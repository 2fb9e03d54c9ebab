"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type { MessageSummary } from "@/lib/shared/types";
import { ArchiveIcon, FlagIcon, JunkIcon, InboxIcon, MailIcon, MailOpenIcon, TrashIcon } from "@/components/ui/icons";
import { SpriteIcon } from "@/components/ui/icon-sprite";
import { subjectText } from "@/components/mail/format";
import { useMailActionsContext, type MailActions } from "@/components/mail/use-mail-actions";

/** How far a finger must travel sideways for a swipe to act (px); less springs back. */
export const SWIPE_ACT = 96;
const LONG_PRESS_MS = 550;

/**
 * Keyboard focus anywhere in a row (issue 12 point 5), for showing its actions. React state rather than a
 * :focus-within style: Chrome drops a Tab onto a button that the blur of the one it leaves hides again, and
 * state changes only when focus leaves the row. Only keyboard focus (:focus-visible) counts, so a click that
 * opens the row does not cover its date.
 */
export function useRowKeyboardFocus() {
  const [focused, setFocused] = useState(false);
  const handlers = useMemo(
    () => ({
      onFocus: (e: React.FocusEvent<HTMLElement>) => {
        if (e.target.matches(":focus-visible")) setFocused(true);
      },
      onBlur: (e: React.FocusEvent<HTMLElement>) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      },
    }),
    [],
  );
  return { focused, handlers };
}

/**
 * Archive, Delete, Mark read/unread and Flag on a row (issue 12 point 5), shown while the pointer is over it
 * or while the row has keyboard focus (shown, from useRowKeyboardFocus): Tab from the row's button reaches them.
 * The row mounts them only then (issue 13: they were most of every row's DOM); app/rows.css shows them.
 * Only the keyboard cursor's row is in the Tab order (tabbable), like its checkbox and button, so Tab does
 * not walk through every row's buttons. Each names its message: several rows' buttons can be in the page at once.
 */
export function RowHoverActions({ message: m, tabbable = false, shown = false }: { message: MessageSummary; tabbable?: boolean; shown?: boolean }) {
  const actions = useMailActionsContext();
  if (!actions) return null;
  const subject = subjectText(m.subject);
  const uids = [m.uid];
  const tabIndex = tabbable ? 0 : -1;
  return (
    <span data-row-hover="" data-shown={shown ? "" : undefined} role="group" aria-label={`Actions: ${subject}`} className="mr-actions">
      {actions.archiveFolder && actions.archiveFolder.path !== actions.folder && (
        <button type="button" tabIndex={tabIndex} aria-label={`Archive: ${subject}`} title="Archive" onClick={() => actions.archive(uids)}>
          <SpriteIcon name="archive" />
        </button>
      )}
      <button type="button" tabIndex={tabIndex} aria-label={`Delete: ${subject}`} title="Delete" onClick={() => actions.remove(uids)}>
        <SpriteIcon name="trash" />
      </button>
      <button
        type="button"
        tabIndex={tabIndex}
        aria-label={`${m.seen ? "Mark unread" : "Mark read"}: ${subject}`}
        title={m.seen ? "Mark unread" : "Mark read"}
        onClick={() => (m.seen ? actions.markUnread(uids) : actions.markRead(uids))}
      >
        <SpriteIcon name={m.seen ? "mail" : "mail-open"} />
      </button>
      <button
        type="button"
        tabIndex={tabIndex}
        aria-label={`${m.flagged ? "Unflag" : "Flag"}: ${subject}`}
        title={m.flagged ? "Unflag" : "Flag"}
        onClick={() => (m.flagged ? actions.unflag(uids) : actions.flag(uids))}
      >
        <SpriteIcon name={m.flagged ? "flag-filled" : "flag"} />
      </button>
    </span>
  );
}

interface MenuEntry {
  key: string;
  label: string;
  icon: ReactNode;
  run: () => void;
  disabled?: boolean;
}

function entries(m: MessageSummary, a: MailActions): MenuEntry[] {
  const uids = [m.uid];
  return [
    { key: "archive", label: "Archive", icon: <ArchiveIcon />, run: () => a.archive(uids), disabled: !a.archiveFolder || a.archiveFolder.path === a.folder },
    { key: "delete", label: "Delete", icon: <TrashIcon />, run: () => a.remove(uids) },
    { key: "read", label: m.seen ? "Mark unread" : "Mark read", icon: m.seen ? <MailIcon /> : <MailOpenIcon />, run: () => (m.seen ? a.markUnread(uids) : a.markRead(uids)) },
    { key: "flag", label: m.flagged ? "Unflag" : "Flag", icon: <FlagIcon filled={m.flagged} />, run: () => (m.flagged ? a.unflag(uids) : a.flag(uids)) },
    a.inJunk
      ? { key: "spam", label: "Not spam", icon: <InboxIcon />, run: () => a.notSpam(uids) }
      : { key: "spam", label: "Report spam", icon: <JunkIcon />, run: () => a.spam(uids), disabled: !a.junkFolder },
  ];
}

/** The row's context menu at the pointer (right-click, long-press, or the keyboard's menu key / Shift+F10). */
export function RowContextMenu({ message, at, onClose }: { message: MessageSummary; at: { x: number; y: number }; onClose: () => void }) {
  const actions = useMailActionsContext();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(at);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ x: Math.max(8, Math.min(at.x, window.innerWidth - r.width - 8)), y: Math.max(8, Math.min(at.y, window.innerHeight - r.height - 8)) });
    el.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const away = (e: Event) => {
      if (!el.contains(e.target as Node)) onClose();
    };
    document.addEventListener("mousedown", away);
    document.addEventListener("touchstart", away);
    window.addEventListener("resize", onClose);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("touchstart", away);
      window.removeEventListener("resize", onClose);
    };
  }, [at, onClose]);

  if (!actions) return null;
  const list = entries(message, actions);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const nodes = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);
    const i = nodes.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      nodes[(i + (e.key === "ArrowDown" ? 1 : -1) + nodes.length) % nodes.length]?.focus();
    } else if (e.key === "Escape" || e.key === "Tab") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  // In a portal: the row is transformed, which would make `position: fixed` relative to the row.
  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={`Actions for ${subjectText(message.subject)}`}
      onKeyDown={onKeyDown}
      style={{ position: "fixed", left: pos.x, top: pos.y }}
      className="z-50 min-w-44 rounded-xl border border-zinc-200 bg-white p-1 text-sm shadow-lg shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40"
    >
      {list.map((it) => (
        <button
          key={it.key}
          type="button"
          role="menuitem"
          tabIndex={-1}
          disabled={it.disabled}
          onClick={() => {
            onClose();
            it.run();
          }}
          className="flex min-h-10 w-full items-center gap-2 rounded-lg px-3 py-1.5 text-left text-zinc-800 outline-none hover:bg-zinc-100 focus:bg-zinc-100 disabled:opacity-45 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
        >
          {it.icon}
          {it.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}

/**
 * Touch and context-menu handling for one row: a sideways swipe archives (right) or deletes (left)
 * with the same Undo toast as the buttons (issue 12 point 20); a long press or right-click opens the
 * context menu. `dx` is how far the row follows the finger.
 */
export function useRowGestures(m: MessageSummary) {
  const actions = useMailActionsContext();
  const [dx, setDx] = useState(0);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const start = useRef<{ x: number; y: number; t: ReturnType<typeof setTimeout> | null; swiping: boolean } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  if (!actions) return { dx: 0, menu: null, closeMenu, handlers: {} };

  const clear = () => {
    if (start.current?.t) clearTimeout(start.current.t);
  };
  const handlers = {
    onContextMenu: (e: React.MouseEvent) => {
      e.preventDefault();
      clear();
      setMenu({ x: e.clientX || (e.currentTarget as HTMLElement).getBoundingClientRect().left + 40, y: e.clientY || (e.currentTarget as HTMLElement).getBoundingClientRect().bottom });
    },
    onTouchStart: (e: React.TouchEvent) => {
      const t = e.touches[0];
      if (!t || e.touches.length > 1) return;
      const x = t.clientX;
      const y = t.clientY;
      start.current = { x, y, swiping: false, t: setTimeout(() => setMenu({ x, y }), LONG_PRESS_MS) };
    },
    onTouchMove: (e: React.TouchEvent) => {
      const s = start.current;
      const t = e.touches[0];
      if (!s || !t) return;
      const mx = t.clientX - s.x;
      const my = t.clientY - s.y;
      if (Math.abs(mx) > 8 || Math.abs(my) > 8) clear();
      if (!s.swiping && Math.abs(mx) > 12 && Math.abs(mx) > Math.abs(my) * 1.5) s.swiping = true;
      if (s.swiping) setDx(mx);
    },
    onTouchEnd: () => {
      const s = start.current;
      clear();
      start.current = null;
      const moved = dx;
      setDx(0);
      if (!s?.swiping) return;
      if (moved >= SWIPE_ACT && actions.archiveFolder && actions.archiveFolder.path !== actions.folder) actions.archive([m.uid]);
      else if (moved <= -SWIPE_ACT) actions.remove([m.uid]);
    },
    onTouchCancel: () => {
      clear();
      start.current = null;
      setDx(0);
    },
  };
  return { dx, menu, closeMenu, handlers };
}

/** What shows under a row while it is swiped: the action that letting go will do. */
export function SwipeHint({ dx }: { dx: number }) {
  if (!dx) return null;
  const archive = dx > 0;
  const ready = Math.abs(dx) >= SWIPE_ACT;
  return (
    <span
      aria-hidden="true"
      // The row follows the finger; the hint stays put under it.
      style={{ transform: `translateX(${-dx}px)` }}
      className={`absolute inset-0 z-20 flex items-center px-5 text-sm font-medium text-white ${archive ? "justify-start" : "justify-end"} ${
        archive ? (ready ? "bg-emerald-600" : "bg-emerald-600/60") : ready ? "bg-red-600" : "bg-red-600/60"
      }`}
    >
      {archive ? (
        <>
          <ArchiveIcon className="mr-2 size-4" /> Archive
        </>
      ) : (
        <>
          Delete <TrashIcon className="ml-2 size-4" />
        </>
      )}
    </span>
  );
}
