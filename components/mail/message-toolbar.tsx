"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { Folder } from "@/lib/shared/types";
import { MenuButton, type MenuItem } from "@/components/ui/menu-button";
import { FlagIcon, MailIcon, MailOpenIcon, MoveIcon, TrashIcon } from "@/components/ui/icons";
import { FolderKindIcon } from "@/components/folders/folder-icon";
import { folderLabel } from "@/components/mail/format";
import type { FolderRights, MessageAction } from "@/lib/shared/types";
import { FULL_RIGHTS, isReadOnly, rightsHint, rightsOf } from "@/lib/shared/rights";

export interface ToolbarProps {
  folders: Folder[];
  currentFolder: string;
  /** How many messages the buttons act on (checked ones, or the open one). */
  targetCount: number;
  onAction: (action: Exclude<MessageAction, "move">) => void;
  onMove: (target: string) => void;
  /** What the IMAP ACL allows in the current folder; actions it forbids are disabled, with the reason. */
  rights?: FolderRights;
  /** Omit to hide the "Select all loaded" box (the reading pane's toolbar). */
  selectAll?: {
    checked: boolean;
    indeterminate: boolean;
    disabled: boolean;
    onChange: (all: boolean) => void;
    count: number;
    /**
     * Where this line offers "Clear" while messages are checked: "phone" below 768 px only (wider, the
     * line above the list has "Clear selection", bulkBarClears), "always" where that line does not.
     */
    clear: "phone" | "always";
  };
  /**
   * What the line shows on phones while nothing is checked, in place of its buttons (all disabled then):
   * the folder-wide links, which would otherwise need a 44 px line of their own above the list.
   */
  phoneIdle?: ReactNode;
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

/**
 * A control the ACL forbids stays focusable (aria-disabled, not disabled) so keyboard and screen-reader
 * users can still find it and hear why it does nothing; the reason is its tooltip and description.
 */
function guard(allowed: boolean, hint: string, onClick: () => void) {
  if (allowed) return { onClick };
  return { onClick: () => {}, "aria-disabled": true as const, "data-denied": "", title: hint, "aria-description": hint };
}

const denied = " aria-disabled:cursor-not-allowed aria-disabled:opacity-40 aria-disabled:hover:bg-transparent";

export function MessageToolbar({ folders, currentFolder, targetCount, onAction, onMove, selectAll, rights = FULL_RIGHTS, phoneIdle }: ToolbarProps) {
  const disabled = targetCount === 0;
  const idleOnPhone = disabled && phoneIdle != null;
  const tool = toolButton + (idleOnPhone ? " max-md:hidden" : "");
  const hint = rightsHint(rights);
  const boxRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (boxRef.current && selectAll) boxRef.current.indeterminate = selectAll.indeterminate;
  }, [selectAll]);

  const moveItems: MenuItem[] = folders
    .filter((f) => f.selectable && f.path !== currentFolder)
    .map((f) => ({
      key: f.path,
      // A folder shared without the "i" right can't take messages: listed, but not selectable.
      disabled: !rightsOf(f).insert,
      // A labelled folder already says whose it is ("Team — shared by alice"); only read-only is added.
      label: f.label ? `${f.label}${rightsOf(f).insert ? "" : " (read-only)"}` : f.shared ? `${folderLabel(f)} (shared${rightsOf(f).insert ? "" : ", read-only"})` : folderLabel(f),
      indent: f.depth,
      icon: (
        <span className="text-zinc-500 dark:text-zinc-400">
          <FolderKindIcon folder={f} />
        </span>
      ),
      onSelect: () => onMove(f.path),
    }));

  return (
    // Words beside Move and Delete only where the toolbar itself has room for them (a container query:
    // the list column is ~365 px on any wide screen, where they pushed Delete past its edge).
    <div role="toolbar" aria-label="Message actions" className="@container flex min-w-0 items-center gap-0.5">
      {selectAll && (
        <label className="mr-1 flex h-8 items-center gap-2 px-3 text-[13px] text-zinc-600 dark:text-zinc-400">
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
        </label>
      )}
      <button type="button" className={tool + denied} disabled={disabled} aria-label="Mark read" title="Mark read" {...guard(rights.seen, hint, () => onAction("read"))}>
        <MailOpenIcon />
      </button>
      <button type="button" className={tool + denied} disabled={disabled} aria-label="Mark unread" title="Mark unread" {...guard(rights.seen, hint, () => onAction("unread"))}>
        <MailIcon />
      </button>
      <button type="button" className={tool + denied} disabled={disabled} aria-label="Flag" title="Flag" {...guard(rights.write, hint, () => onAction("flag"))}>
        <FlagIcon />
      </button>
      <button type="button" className={tool + denied} disabled={disabled} aria-label="Unflag" title="Unflag" {...guard(rights.write, hint, () => onAction("unflag"))}>
        <UnflagIcon className="size-4" />
      </button>
      <MenuButton
        label="Move to…"
        menuLabel="Move to folder"
        title={rights.delete ? "Move to…" : hint}
        className={tool}
        disabled={disabled || !rights.delete}
        items={moveItems}
        emptyText="No other folders"
      >
        <MoveIcon />
        <span className="hidden @[25rem]:inline">Move to…</span>
      </MenuButton>
      <button type="button" className={tool + denied} disabled={disabled} aria-label="Delete" title="Delete" {...guard(rights.delete, hint, () => onAction("delete"))}>
        <TrashIcon />
        <span className="hidden @[25rem]:inline">Delete</span>
      </button>
      {idleOnPhone && <div className="ml-auto flex items-center gap-2 pr-1 text-[13px] md:hidden">{phoneIdle}</div>}
      {selectAll && selectAll.count > 0 && (
        <button
          type="button"
          aria-label="Clear selection"
          title="Clear selection"
          onClick={() => selectAll.onChange(false)}
          className={`ml-auto inline-flex h-8 shrink-0 items-center rounded-lg px-2 text-[13px] font-medium text-accent-700 transition-colors hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-accent-500/10${selectAll.clear === "phone" ? " md:hidden" : ""}`}
        >
          Clear
        </button>
      )}
      {selectAll && isReadOnly(rights) && (
        <span role="note" title={hint} className="ml-auto whitespace-nowrap rounded-md bg-zinc-100 px-2 py-1 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          Read-only
          <span className="sr-only">: {hint}</span>
        </span>
      )}
    </div>
  );
}
