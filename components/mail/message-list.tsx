"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { MessageSummary } from "@/lib/shared/types";
import type { FolderPresenceView } from "@/hooks/presence-store";
import type { TeamPerson } from "@/lib/shared/team-types";
import { MessageRow, ROW_HEIGHT } from "@/components/mail/message-row";
import { useRowHeight } from "@/hooks/use-appearance";
import { buttonClass } from "@/components/ui/button";
import { InboxIcon, SearchIcon } from "@/components/ui/icons";
import { ListEmpty, ListError } from "@/components/mail/list-states";
import { IconSprite } from "@/components/ui/icon-sprite";
import { ListSkeleton } from "@/components/mail/list-skeleton";
import { useDatePrefs } from "@/components/mail/use-date-prefs";
import { useHydrated } from "@/hooks/use-hydrated";
import { useEarlyDates } from "@/hooks/page-clock";
import { useListGeneration } from "@/hooks/use-list-generation";
import { useKeepPlace } from "@/hooks/use-keep-place";
import { afterPaint } from "@/hooks/after-paint";

interface MessageListProps {
  messages: MessageSummary[];
  /** Every row of the list, loaded or not; -1 when not known (a search counted only up to a cap). */
  total: number;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMoreError: string | null;
  hasMore: boolean;
  openUid: number | null;
  checked: ReadonlySet<number>;
  query: string;
  listLabel: string;
  onLoadMore: () => void;
  onRetry: () => void;
  /** A folder search that found nothing offers to look in every folder. */
  onSearchAllFolders?: () => void;
  onOpen: (uid: number) => void;
  onToggleCheck: (uid: number, index: number, range: boolean) => void;
  /** Others on messages of this folder, and who else read them (shared mailboxes). */
  presence?: FolderPresenceView;
  /** Who each message is assigned to (team work). */
  assignees?: ReadonlyMap<number, TeamPerson>;
  /** Sent and Drafts: rows name the recipients. */
  showRecipients?: boolean;
  /** What the list shows (folder, search, page jump): a change means the next rows are another list. */
  listKey?: string;
}

/** Rows from the end of what is loaded at which the next older page is asked for. */
const NEAR_END = 12;

function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest('[role="menu"]') !== null;
}

export function MessageList(props: MessageListProps) {
  const { messages, loading, error, hasMore, loadingMore, loadMoreError, openUid, checked, onLoadMore, onOpen, onToggleCheck } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useRowHeight(ROW_HEIGHT);
  const datePrefs = useDatePrefs();
  const hydrated = useHydrated();
  const early = useEarlyDates(datePrefs);
  const [active, setActive] = useState(0);
  const focusWanted = useRef<number | null>(null);
  // Whether the keyboard cursor has been put on a row yet: until then the first j / k starts at the newest.
  const placed = useRef(false);

  const showFooter = messages.length > 0 && (hasMore || loadingMore || loadMoreError !== null);
  const count = messages.length + (showFooter ? 1 : 0);

  const { generation, overscan } = useListGeneration(messages, props.listKey ?? "");
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey: (i) => (i < messages.length ? messages[i].uid : "footer"),
    // The server renders the first page into the HTML (issue 13 point 5) before any element can be
    // measured: a screenful of rows, the same the browser's hydration render assumes.
    initialRect: { width: 0, height: 900 },
  });
  // Density changed in Settings: drop the cached row sizes.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();
  useKeepPlace(scrollRef, messages, generation, rowHeight);

  // Stable row callbacks so memoised rows re-render only when their own data changes.
  const openRow = useCallback(
    (uid: number, i: number) => {
      placed.current = true;
      setActive(i);
      onOpen(uid);
    },
    [onOpen],
  );
  const toggleRow = useCallback(
    (uid: number, i: number, range: boolean) => {
      placed.current = true;
      setActive(i);
      onToggleCheck(uid, i, range);
    },
    [onToggleCheck],
  );

  // Infinite scroll: ask for the next older page when the window nears the end of what is loaded.
  const lastIndex = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (!(lastIndex >= messages.length - NEAR_END && hasMore && !loadingMore && !loadMoreError && !loading)) return;
    // Asked where the list is once the frame is painted, not where this render assumed: a jump puts its
    // new page at the top (or the oldest at the bottom) just before that frame, and the virtualizer hears
    // of that scroll only from the next scroll event. Coming from the oldest page's end, a jump to a day
    // asked for the next older page at once.
    let live = true;
    void afterPaint().then(() => {
      const el = scrollRef.current;
      if (!live || (el && el.scrollHeight - el.scrollTop - el.clientHeight > NEAR_END * rowHeight)) return;
      onLoadMore();
    });
    return () => {
      live = false;
    };
  }, [lastIndex, messages.length, hasMore, loadingMore, loadMoreError, loading, onLoadMore, rowHeight]);

  // Keep the keyboard cursor on the open message when it changes from outside (a click, back/forward, delete).
  const scrolledTo = useRef<number | null>(null);
  useEffect(() => {
    if (openUid === null) return;
    const i = messages.findIndex((m) => m.uid === openUid);
    if (i < 0) return;
    placed.current = true;
    setActive(i);
    // Bring a newly opened message (deep link, back/forward, next after delete) into view once.
    if (scrolledTo.current !== openUid) {
      scrolledTo.current = openUid;
      virtualizer.scrollToIndex(i, { align: "auto" });
    }
  }, [openUid, messages, virtualizer]);

  // A fresh list (another folder, a search) starts the cursor over.
  useEffect(() => {
    if (!loading) return;
    placed.current = false;
    setActive(0);
  }, [loading]);

  useEffect(() => {
    if (active > messages.length - 1 && messages.length > 0) setActive(messages.length - 1);
  }, [active, messages.length]);

  const focusRow = useCallback(
    (i: number) => {
      if (!messages.length) return;
      const index = Math.max(0, Math.min(messages.length - 1, i));
      placed.current = true;
      setActive(index);
      focusWanted.current = index;
      virtualizer.scrollToIndex(index, { align: "auto" });
      // Already rendered (and the cursor may not have moved, so no re-render would come): focus now.
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-row-button]`);
      if (el) {
        el.focus();
        focusWanted.current = null;
      }
    },
    [messages.length, virtualizer],
  );

  // Focus after the row has been rendered by the virtualizer.
  useEffect(() => {
    const want = focusWanted.current;
    if (want === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${want}"] [data-row-button]`);
    if (el) {
      el.focus({ preventScroll: false });
      focusWanted.current = null;
    }
  });

  /**
   * j / k: the next or previous row; the first press lands on the newest. With a message open they open
   * the next or previous message, as Gmail does; otherwise they move the keyboard cursor.
   */
  const step = useCallback(
    (delta: 1 | -1) => {
      if (!messages.length) return;
      const index = placed.current ? Math.max(0, Math.min(messages.length - 1, active + delta)) : 0;
      if (openUid === null) return focusRow(index);
      placed.current = true;
      setActive(index);
      virtualizer.scrollToIndex(index, { align: "auto" });
      if (scrollRef.current?.contains(document.activeElement)) {
        focusWanted.current = index;
        scrollRef.current.querySelector<HTMLElement>(`[data-index="${index}"] [data-row-button]`)?.focus();
      }
      if (messages[index].uid !== openUid) onOpen(messages[index].uid);
    },
    [messages, active, openUid, focusRow, virtualizer, onOpen],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
    const key = e.key;
    if (key === "j" || key === "k") {
      e.preventDefault();
      step(key === "j" ? 1 : -1);
    } else if (key === "ArrowDown") {
      e.preventDefault();
      focusRow(active + 1);
    } else if (key === "ArrowUp") {
      e.preventDefault();
      focusRow(active - 1);
    } else if (key === "Home") {
      e.preventDefault();
      focusRow(0);
    } else if (key === "End") {
      e.preventDefault();
      focusRow(messages.length - 1);
    } else if (key === "x" && messages[active]) {
      e.preventDefault();
      onToggleCheck(messages[active].uid, active, false);
    }
  };

  // j / k anywhere outside a field moves into the list, the way most mail apps behave.
  useEffect(() => {
    const onDocKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      if (e.key !== "j" && e.key !== "k") return;
      if (isTypingTarget(e.target) || document.querySelector("dialog[open]")) return;
      if (scrollRef.current?.contains(e.target as Node)) return;
      // A hidden list (phones, while a message is open) still steps through messages, never focus.
      if (!scrollRef.current || (scrollRef.current.offsetParent === null && openUid === null)) return;
      e.preventDefault();
      step(e.key === "j" ? 1 : -1);
    };
    document.addEventListener("keydown", onDocKey);
    return () => document.removeEventListener("keydown", onDocKey);
  }, [step, openUid]);

  if (loading) return <ListSkeleton rowHeight={rowHeight} />;

  if (error) return <ListError message={error} onRetry={props.onRetry} />;

  if (messages.length === 0) {
    return (
      <ListEmpty
        icon={props.query ? <SearchIcon className="size-5" /> : <InboxIcon className="size-5" />}
        action={
          // A folder search that found nothing: the next place to look, one click away.
          props.query && props.onSearchAllFolders ? (
            <button type="button" onClick={props.onSearchAllFolders} className={buttonClass("secondary", "sm")}>
              Search all folders
            </button>
          ) : undefined
        }
      >
        {props.query ? `No messages match “${props.query}”` : "No messages in this folder"}
      </ListEmpty>
    );
  }

  return (
    <div ref={scrollRef} onKeyDown={onKeyDown} className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
      <IconSprite />
      <div
        // Another list (folder, search, page jump) replaces the container whole: one DOM swap, not ~20.
        key={generation}
        role="list"
        aria-label={props.listLabel}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          if (item.index >= messages.length) {
            return (
              <div
                key={item.key}
                data-index={item.index}
                className="absolute inset-x-0 top-0 flex items-center justify-center gap-3 text-sm text-zinc-500 dark:text-zinc-400"
                style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                {loadMoreError ? (
                  <>
                    <span>{loadMoreError}</span>
                    <button type="button" onClick={onLoadMore} className={buttonClass("secondary", "sm")}>
                      Try again
                    </button>
                  </>
                ) : (
                  <span className="flex items-center gap-2">
                    <span className="size-3.5 animate-spin rounded-full border-2 border-zinc-300 border-t-accent-600 dark:border-zinc-700 dark:border-t-accent-400" />
                    Loading older messages…
                  </span>
                )}
              </div>
            );
          }
          const m = messages[item.index];
          return (
            <MessageRow
              key={item.key}
              message={m}
              index={item.index}
              setSize={props.total < 0 ? -1 : Math.max(props.total, messages.length)}
              top={item.start}
              open={m.uid === openUid}
              checked={checked.has(m.uid)}
              active={item.index === active}
              onOpen={openRow}
              onToggleCheck={toggleRow}
              others={props.presence?.byUid.get(m.uid)}
              readBy={props.presence?.readBy.get(m.uid)}
              assignee={props.assignees?.get(m.uid)}
              showRecipients={props.showRecipients}
              rowHeight={rowHeight}
              datePrefs={datePrefs}
              hydrated={hydrated}
              early={early}
            />
          );
        })}
      </div>
    </div>
  );
}
