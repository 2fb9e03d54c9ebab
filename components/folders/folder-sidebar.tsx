"use client";

import { useState, type MouseEvent, type ReactNode } from "react";
import type { Folder } from "@/lib/shared/types";
import { FolderKindIcon } from "@/components/folders/folder-icon";
import { DeleteFolderDialog, NewFolderDialog, RenameFolderDialog } from "@/components/folders/folder-dialogs";
import { MenuButton } from "@/components/ui/menu-button";
import { MoreIcon, PlusIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/button";
import { folderLabel, formatCount } from "@/components/mail/format";
import { mailHref } from "@/components/mail/mail-url";
import { SharedBadge, SharedFolderName } from "@/components/folders/shared-badge";

interface FolderSidebarProps {
  folders: Folder[];
  loading: boolean;
  error: string | null;
  currentFolder: string;
  onOpenFolder: (path: string) => void;
  onRetry: () => void;
  onCreate: (parent: string | null, name: string) => Promise<void>;
  onRename: (folder: Folder, newName: string) => Promise<void>;
  onDelete: (folder: Folder) => Promise<void>;
  /** Shown above the folder list (POP3: "Check mail" and its progress). */
  header?: ReactNode;
  /** The team views (components/folders/team-views.tsx), at the top of the list. */
  team?: ReactNode;
}

function isUserFolder(f: Folder): boolean {
  return !f.specialUse && !f.shared && f.path.toUpperCase() !== "INBOX";
}

/** Plain left clicks navigate in place; modified clicks keep the browser's open-in-new-tab behaviour. */
function isPlainClick(e: MouseEvent) {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

export function FolderSidebar(props: FolderSidebarProps) {
  const { folders, loading, error, currentFolder, onOpenFolder, onRetry } = props;
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Folder | null>(null);
  const [deleting, setDeleting] = useState<Folder | null>(null);

  const own = folders.filter((f) => !f.shared);
  // Other people's folders, flat and named for people ("Team — shared by alice"): the namespace's
  // placeholder nodes ("shared", "shared/alice@…") are server plumbing, not folders anyone opens.
  const shared = folders.filter((f) => f.shared && f.selectable);

  const renderFolder = (f: Folder) => {
    const active = f.path === currentFolder;
    const label = folderLabel(f);
    const rowClass = `group relative flex items-center rounded-lg ${
      active
        ? "bg-accent-50 text-accent-800 dark:bg-accent-500/15 dark:text-accent-200"
        : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/70"
    }`;
    const indent = { paddingLeft: `${0.625 + (f.shared ? 0 : f.depth) * 1}rem` };
    const inner = (
      <>
        <span className={active ? "text-accent-600 dark:text-accent-300" : "text-zinc-500 dark:text-zinc-400"}>
          <FolderKindIcon folder={f} />
        </span>
        {f.shared && f.label ? (
          <SharedFolderName label={f.label} bold={f.unread > 0} />
        ) : (
          <span className={`min-w-0 flex-1 truncate ${f.unread > 0 ? "font-semibold" : ""}`}>{label}</span>
        )}
        {f.sharedWith?.length ? <SharedBadge people={f.sharedWith} /> : null}
        {f.unread > 0 && (
          <span
            role="img"
            aria-label={`${formatCount(f.unread)} unread`}
            className={`ml-2 rounded-full px-1.5 py-px text-xs font-semibold tabular-nums ${
              active
                ? "bg-accent-600 text-white dark:bg-accent-400 dark:text-zinc-950"
                : "bg-zinc-200/80 text-zinc-700 dark:bg-zinc-700/80 dark:text-zinc-200"
            }`}
          >
            {f.unread > 9999 ? "9999+" : formatCount(f.unread)}
          </span>
        )}
      </>
    );
    return (
      <li key={f.path} className={rowClass}>
        {f.selectable ? (
          <a
            href={mailHref({ folder: f.path })}
            aria-current={active ? "page" : undefined}
            onClick={(e) => {
              if (!isPlainClick(e)) return;
              e.preventDefault();
              onOpenFolder(f.path);
            }}
            style={indent}
            className={`flex min-h-9 min-w-0 flex-1 items-center gap-2.5 rounded-lg py-1.5 pr-2 text-sm ${
              isUserFolder(f) ? "pointer-coarse:pr-10" : ""
            }`}
          >
            {inner}
          </a>
        ) : (
          <span style={indent} className="flex min-h-9 min-w-0 flex-1 items-center gap-2.5 py-1.5 pr-2 text-sm opacity-70">
            {inner}
          </span>
        )}
        {isUserFolder(f) && (
          <span className="absolute right-1 top-1/2 -translate-y-1/2 rounded-md pointer-fine:bg-zinc-100 dark:pointer-fine:bg-zinc-800 pointer-fine:opacity-0 pointer-fine:group-focus-within:opacity-100 pointer-fine:group-hover:opacity-100 pointer-fine:has-[[aria-expanded=true]]:opacity-100">
            <MenuButton
              label={`Folder actions for ${label}`}
              title="Folder actions"
              align="end"
              className="inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
              items={[
                { key: "rename", label: "Rename folder", onSelect: () => setRenaming(f) },
                { key: "delete", label: "Delete folder", danger: true, onSelect: () => setDeleting(f) },
              ]}
            >
              <MoreIcon className="size-4" />
            </MenuButton>
          </span>
        )}
      </li>
    );
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      {props.header}
      <nav aria-label="Folders" className="min-h-0 flex-1 overflow-y-auto px-2 pb-4 pt-3">
        {props.team}
        <h2 className="px-2.5 pb-2 text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">
          Folders
        </h2>
        {loading && folders.length === 0 ? (
          <ul aria-hidden="true" className="space-y-1">
            {Array.from({ length: 7 }, (_, i) => (
              <li key={i} className="flex h-9 items-center gap-2.5 px-2.5">
                <span className="size-4 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
                <span className="h-3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" style={{ width: `${40 + ((i * 23) % 45)}%` }} />
              </li>
            ))}
          </ul>
        ) : error && folders.length === 0 ? (
          <div className="mx-2 rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
            <p>{error}</p>
            <button type="button" onClick={onRetry} className={buttonClass("secondary", "sm", "mt-2")}>
              Try again
            </button>
          </div>
        ) : (
          <>
            <ul className="space-y-0.5">{own.map(renderFolder)}</ul>
            {shared.length > 0 && (
              <>
                <h3 className="mt-5 px-2.5 pb-2 text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">
                  Shared with me
                </h3>
                <ul className="space-y-0.5">{shared.map(renderFolder)}</ul>
              </>
            )}
          </>
        )}
      </nav>
      <div className="border-t border-zinc-200/80 p-2 dark:border-zinc-800">
        <button
          type="button"
          onClick={() => setCreating(true)}
          className={buttonClass("ghost", "md", "w-full justify-start px-2.5")}
        >
          <PlusIcon className="size-4" />
          New folder
        </button>
      </div>

      <NewFolderDialog
        open={creating}
        folders={folders}
        defaultParent={null}
        onClose={() => setCreating(false)}
        onCreate={props.onCreate}
      />
      <RenameFolderDialog folder={renaming} onClose={() => setRenaming(null)} onRename={props.onRename} />
      <DeleteFolderDialog folder={deleting} onClose={() => setDeleting(null)} onDelete={props.onDelete} />
    </div>
  );
}
