"use client";

import { useEffect, useRef, type FocusEvent, type PointerEvent } from "react";
import type { MessagesState } from "@/hooks/use-messages";
import { useFolderSort } from "@/hooks/use-folder-sort";
import { ListPosition } from "@/components/mail/list-position";
import { SortMenu } from "@/components/mail/sort-menu";
import { firstPageUrl, startJumpPage } from "@/hooks/folder-page-fetch";
import { showWhenReady } from "@/hooks/show-when-ready";

interface ListControlsProps {
  folder: string;
  list: MessagesState;
  loaded: number;
  jump: string | null;
  onJump: (jump: string | null) => void;
  notify: (message: string, tone?: "info" | "error") => void;
}

/** The line above the list: position and jumps (issue 12 point 7), and the Sort menu (point 3). */
export function ListControls({ folder, list, loaded, jump, onJump, notify }: ListControlsProps) {
  const folderSort = useFolderSort(folder, list.reload, notify);
  useScrollAfterJump(jump, list.loading, list.messages);
  const oldestAhead = useOldestPrefetch(folder, jump);
  return (
    // display: contents — only here to hear the pointer and focus of "Oldest"; the layout is ListPosition's.
    <div className="contents" {...oldestAhead}>
      <ListPosition
        total={list.total}
        offset={list.offset}
        loaded={loaded}
        jump={jump}
        onJump={(to) => {
          // The page's request leaves before React renders the jump (shared with a prefetch already asked),
          // and the jump renders once, with its rows, when they come (hooks/show-when-ready.ts).
          if (!to) return onJump(to);
          startJumpPage(folder, to);
          showWhenReady(firstPageUrl(folder, to), () => onJump(to));
        }}
      >
        {list.sort && <SortMenu sort={list.sort} unavailable={list.sortUnavailable} disabled={folderSort.saving} onChoose={(s) => void folderSort.choose(s)} />}
      </ListPosition>
    </div>
  );
}

/** The oldest page is asked for when the pointer rests on "Oldest" (80 ms, like rows and folders) or it gets focus. */
function useOldestPrefetch(folder: string, jump: string | null) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const isOldest = (t: EventTarget | null) => t instanceof Element && t.closest("button")?.textContent?.trim() === "Oldest";
  // Read when the timer fires: a jump rendered meanwhile (its answer already taken) must not ask again.
  const now = useRef({ folder, jump });
  now.current = { folder, jump };
  const ahead = () => {
    if (now.current.jump !== "oldest") startJumpPage(now.current.folder, "oldest");
  };
  return {
    onPointerOver: (e: PointerEvent) => {
      if (e.pointerType === "touch" || !isOldest(e.target)) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(ahead, 80);
    },
    onPointerOut: (e: PointerEvent) => {
      if (!isOldest(e.relatedTarget)) clearTimeout(timer.current);
    },
    onFocus: (e: FocusEvent) => {
      if (isOldest(e.target)) ahead();
    },
    // A press on "Oldest" sends its request at once (the click comes ~100 ms later for a person).
    onPointerDown: (e: PointerEvent) => {
      if (e.button !== 0 || !isOldest(e.target)) return;
      clearTimeout(timer.current);
      ahead();
    },
  };
}

/** Rows no render has: a page opened on a jump scrolls for the rows it has as soon as they are not loading. */
const OPENED: unknown = Symbol("opened");

/**
 * After a jump has loaded, the row it was for in view without scrolling: the oldest page shows its
 * last row (the folder's oldest message), any other jump its first. Once per jump, when its rows came.
 */
function useScrollAfterJump(jump: string | null, loading: boolean, rows: unknown) {
  const pending = useRef<{ rows: unknown } | null>(null);
  // The rows before this render: a jump whose rows came with it (rendered once, hooks/show-when-ready.ts)
  // scrolls for them at once; one still waiting, when they change.
  const before = useRef(rows);
  // The jump the last run of the effect below was for (undefined before the first run).
  const armedFor = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (armedFor.current === jump) return;
    const opened = armedFor.current === undefined;
    armedFor.current = jump;
    // A jump towards newer mail starts from the top at once: left at the bottom, the list would load the next page.
    const scroller = listScroller();
    if (scroller && jump !== "oldest") scroller.scrollTop = 0;
    // The newest rows, shown when these controls appear (a page opened, a search left), need nothing more:
    // armed there, the list went back to its top at its first change (the next page loading as the person
    // scrolled down, new mail, a flag). A page opened on a jump has its rows (the server's HTML) or soon will.
    if (opened && jump === null) return;
    pending.current = { rows: opened ? OPENED : before.current };
    // Only a new jump arms it; the rows it saw are the old ones.
  }, [jump]);
  useEffect(() => {
    const p = pending.current;
    if (!p || loading || rows === p.rows) return;
    pending.current = null;
    const scroller = listScroller();
    if (scroller) requestAnimationFrame(() => (scroller.scrollTop = jump === "oldest" ? scroller.scrollHeight : 0));
  }, [jump, loading, rows]);
  useEffect(() => {
    before.current = rows;
  }, [rows]);
}

const listScroller = () => document.querySelector('[role="list"][aria-label="Message list"]')?.parentElement ?? null;
