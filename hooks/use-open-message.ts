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
  const onMessageLoaded = useCallback(
    (detail: MessageDetail) => {
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
