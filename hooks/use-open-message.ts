"use client";

import { useCallback, useRef } from "react";
import type { MessageDetail, MessageSummary } from "@/lib/shared/types";
import { useMessage } from "@/hooks/use-message";

interface ListLike {
  messages: MessageSummary[];
  patchMessages: (uids: number[], patch: Partial<MessageSummary>) => void;
}

/** The open message. Opening marks it read on the server; this mirrors that in the row and the folder badge. */
export function useOpenMessage(folder: string, openUid: number | null, list: ListLike, adjustUnread: (folder: string, delta: number) => void, reloadFolders: () => unknown) {
  const messagesRef = useRef(list.messages);
  messagesRef.current = list.messages;
  const folderRef = useRef(folder);
  folderRef.current = folder;
  const onMessageLoaded = useCallback(
    (detail: MessageDetail, itsFolder: string) => {
      // Marked read after the person went on to another folder: these rows are not its folder's.
      if (itsFolder !== folderRef.current) {
        if (detail.seen) adjustUnread(itsFolder, -1);
        return;
      }
      const row = messagesRef.current.find((m) => m.uid === detail.uid);
      if (row && !row.seen && detail.seen) {
        list.patchMessages([detail.uid], { seen: true });
        adjustUnread(folder, -1);
      } else if (!row) {
        void reloadFolders();
      }
    },
    [folder, adjustUnread, reloadFolders, list],
  );
  const rowOf = useCallback((uid: number) => messagesRef.current.find((m) => m.uid === uid), []);
  return useMessage(folder, openUid, onMessageLoaded, rowOf);
}
