"use client";

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
  return (
    <ListPosition total={list.total} offset={list.offset} loaded={loaded} jump={jump} onJump={onJump}>
      {list.sort && <SortMenu sort={list.sort} unavailable={list.sortUnavailable} disabled={folderSort.saving} onChoose={(s) => void folderSort.choose(s)} />}
    </ListPosition>
  );
}
