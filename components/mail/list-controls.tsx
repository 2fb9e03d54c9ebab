"use client";

import { useEffect, useRef } from "react";
import type { MessagesState } from "@/hooks/use-messages";
import { useFolderSort } from "@/hooks/use-folder-sort";
import { ListPosition } from "@/components/mail/list-position";
import { SortMenu } from "@/components/mail/sort-menu";

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
  return (
    <ListPosition total={list.total} offset={list.offset} loaded={loaded} jump={jump} onJump={onJump}>
      {list.sort && <SortMenu sort={list.sort} unavailable={list.sortUnavailable} disabled={folderSort.saving} onChoose={(s) => void folderSort.choose(s)} />}
    </ListPosition>
  );
}

/**
 * After a jump has loaded, the row it was for in view without scrolling: the oldest page shows its
 * last row (the folder's oldest message), any other jump its first. Once per jump, when its rows came.
 */
function useScrollAfterJump(jump: string | null, loading: boolean, rows: unknown) {
  const pending = useRef<{ rows: unknown } | null>(null);
  useEffect(() => {
    pending.current = { rows };
    // A jump towards newer mail starts from the top at once: left at the bottom, the list would load the next page.
    const scroller = listScroller();
    if (scroller && jump !== "oldest") scroller.scrollTop = 0;
    // Only a new jump arms it; the rows it saw are the old ones.
  }, [jump]);
  useEffect(() => {
    const p = pending.current;
    if (!p || loading || rows === p.rows) return;
    pending.current = null;
    const scroller = listScroller();
    if (scroller) requestAnimationFrame(() => (scroller.scrollTop = jump === "oldest" ? scroller.scrollHeight : 0));
  }, [jump, loading, rows]);
}

const listScroller = () => document.querySelector('[role="list"][aria-label="Message list"]')?.parentElement ?? null;
