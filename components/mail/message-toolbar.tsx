"use client";

import { useEffect, useRef } from "react";
import type { Folder } from "@/lib/shared/types";
import { MenuButton, type MenuItem } from "@/components/ui/menu-button";
import { FlagIcon, MailIcon, MailOpenIcon, MoveIcon, TrashIcon } from "@/components/ui/icons";
import { FolderKindIcon } from "@/components/folders/folder-icon";
import { folderLabel } from "@/components/mail/format";
import type { MessageAction } from "@/lib/shared/types";

export interface ToolbarProps {
  folders: Folder[];
  currentFolder: string;
  /** How many messages the buttons act on (checked ones, or the open one). */
  targetCount: number;
  onAction: (action: Exclude<MessageAction, "move">) => void;
  onMove: (target: string) => void;
  /** Omit to hide the "Select all loaded" box (the reading pane's toolbar). */
  selectAll?: { checked: boolean; indeterminate: boolean; disabled: boolean; onChange: (all: boolean) => void; count: number };
}

const toolButton =
  "inline-flex h-8 shrink-0 items-center gap-1.5 whitespace-nowrap rounded-lg px-2 text-[13px] font-medium text-zinc-700 transition-colors hover:bg-zinc-100 hover:text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white";

function UnflagIcon({ className }: { className?: string }) {
  return (
    <span className={`relative inline-block ${className ?? ""}`}>
      <FlagIcon className="size-full" />
      <svg viewBox="0 0 24 24" aria-hidden="true" className="absolute inset-0 size-full" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round">
        <path d="M3 3l18 18" />
      </svg>
    </span>
  );
}

export function MessageToolbar({ folders, currentFolder, targetCount, onAction, onMove, selectAll }: ToolbarProps) {
  const disabled = targetCount === 0;
  const boxRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (boxRef.current && selectAll) boxRef.current.indeterminate = selectAll.indeterminate;
  }, [selectAll]);

  const moveItems: MenuItem[] = folders
    .filter((f) => f.selectable && f.path !== currentFolder)
    .map((f) => ({
      key: f.path,
      label: f.shared ? `${folderLabel(f)} (shared)` : folderLabel(f),
      indent: f.depth,
      icon: (
        <span className="text-zinc-500 dark:text-zinc-400">
          <FolderKindIcon folder={f} />
        </span>
      ),
      onSelect: () => onMove(f.path),
    }));

  return (
    <div role="toolbar" aria-label="Message actions" className="flex items-center gap-0.5">
      {selectAll && (
        <span className="mr-1 flex h-8 items-center gap-2 px-3 text-[13px] text-zinc-600 dark:text-zinc-400">
          <input
            ref={boxRef}
            type="checkbox"
            aria-label="Select all loaded"
            title="Select all loaded"
            className="size-4"
            checked={selectAll.checked}
            disabled={selectAll.disabled}
            onChange={(e) => selectAll.onChange(e.target.checked)}
          />
          {selectAll.count > 0 && (
            <span className="tabular-nums text-zinc-700 dark:text-zinc-300">
              {selectAll.count}
              <span className="sr-only"> selected</span>
            </span>
          )}
        </span>
      )}
      <button type="button" className={toolButton} disabled={disabled} onClick={() => onAction("read")} aria-label="Mark read" title="Mark read">
        <MailOpenIcon />
      </button>
      <button type="button" className={toolButton} disabled={disabled} onClick={() => onAction("unread")} aria-label="Mark unread" title="Mark unread">
        <MailIcon />
      </button>
      <button type="button" className={toolButton} disabled={disabled} onClick={() => onAction("flag")} aria-label="Flag" title="Flag">
        <FlagIcon />
      </button>
      <button type="button" className={toolButton} disabled={disabled} onClick={() => onAction("unflag")} aria-label="Unflag" title="Unflag">
        <UnflagIcon className="size-4" />
      </button>
      <MenuButton
        label="Move to…"
        menuLabel="Move to folder"
        title="Move to…"
        className={toolButton}
        disabled={disabled}
        items={moveItems}
        emptyText="No other folders"
      >
        <MoveIcon />
        <span className="hidden lg:inline">Move to…</span>
      </MenuButton>
      <button type="button" className={toolButton} disabled={disabled} onClick={() => onAction("delete")} aria-label="Delete" title="Delete">
        <TrashIcon />
        <span className="hidden lg:inline">Delete</span>
      </button>
    </div>
  );
}
