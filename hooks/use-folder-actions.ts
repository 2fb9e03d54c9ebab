"use client";

import { useCallback } from "react";
import type { Folder } from "@/lib/shared/types";
import type { FoldersState } from "@/hooks/use-folders";
import type { Navigate, Notify } from "@/hooks/use-message-actions";
import { labelForPath } from "@/components/mail/format";

/** Create, rename and delete folders, telling the result in words and following the open folder when it moves. */
export function useFolderActions({ foldersState, folder, navigate, notify }: { foldersState: FoldersState; folder: string; navigate: Navigate; notify: Notify }) {
  const createFolder = useCallback(
    async (parent: string | null, name: string) => {
      const path = await foldersState.createFolder(parent, name);
      notify(`Created folder ${labelForPath(path, [])}`);
    },
    [foldersState, notify],
  );

  const renameFolder = useCallback(
    async (f: Folder, newName: string) => {
      const path = await foldersState.renameFolder(f.path, newName);
      notify(`Renamed folder to ${newName}`);
      const prefix = f.path + f.delimiter;
      if (folder === f.path) navigate({ folder: path }, "replace");
      else if (folder.startsWith(prefix)) navigate({ folder: path + f.delimiter + folder.slice(prefix.length) }, "replace");
    },
    [foldersState, notify, folder, navigate],
  );

  const deleteFolder = useCallback(
    async (f: Folder) => {
      await foldersState.deleteFolder(f.path);
      notify(`Deleted folder ${f.name}`);
      if (folder === f.path || folder.startsWith(f.path + f.delimiter)) navigate({ folder: "INBOX" }, "replace");
    },
    [foldersState, notify, folder, navigate],
  );

  return { createFolder, renameFolder, deleteFolder };
}
