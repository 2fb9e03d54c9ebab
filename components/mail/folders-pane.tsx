"use client";

import type { ComponentProps } from "react";
import { FolderSidebar } from "@/components/folders/folder-sidebar";
import { QuotaBar } from "@/components/quota/quota-bar";
import { useFolderPrefetch } from "@/hooks/use-folder-prefetch";

/**
 * The folder column: the tree (with the POP3 sync panel or the team views above it) and, for IMAP, the
 * quota bar. On phones it is a pane of its own; from lg up it is always there.
 */
export function FoldersPane({ shown, imap, onQuotaChanged, account, ...sidebar }: ComponentProps<typeof FolderSidebar> & { shown: boolean; imap: boolean; onQuotaChanged: () => void; account?: string }) {
  // A folder's first page is asked for when a person is about to open it (hover, focus, idle).
  const prefetch = useFolderPrefetch(account, sidebar.folders, sidebar.currentFolder);
  return (
    <aside
      {...prefetch}
      data-pane="folders"
      className={`${shown ? "flex" : "hidden"} w-full min-h-0 shrink-0 flex-col border-zinc-200/80 bg-zinc-50/70 md:w-[340px] md:border-r lg:flex lg:w-60 dark:border-zinc-800 dark:bg-zinc-900/40`}
    >
      <FolderSidebar {...sidebar} />
      <QuotaBar enabled={imap} folders={sidebar.folders} onChanged={onQuotaChanged} />
    </aside>
  );
}
