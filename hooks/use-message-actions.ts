"use client";

import { useCallback, type Dispatch, type SetStateAction } from "react";
import type { ActionRequest, ActionResponse, FlagsOf, Folder, MessageAction } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import type { MessagesState, SearchField } from "@/hooks/use-messages";
import type { MessageState } from "@/hooks/use-message";
import type { Toast } from "@/hooks/use-toast";
import { labelForPath, plural } from "@/components/mail/format";
import type { MailLocation } from "@/components/mail/mail-url";

type FlagAction = "read" | "unread" | "flag" | "unflag";

const FLAG_WORDS: Record<FlagAction, string> = {
  read: "as read",
  unread: "as unread",
  flag: "as flagged",
  unflag: "as not flagged",
};

/** Someone else moved or deleted every one of these messages first: say so instead of claiming the move. */
function goneNotice(res: ActionResponse, count: number): string | null {
  if (!res.gone || res.gone < count) return null;
  return count === 1 ? "Someone else already moved or deleted this message" : "Someone else already moved or deleted these messages";
}

export type Navigate = (loc: Partial<MailLocation> & { folder: string }, mode?: "push" | "replace") => void;
export type Notify = (text: string, tone?: Toast["tone"]) => void;

export interface MessageActionsInput {
  folder: string;
  q: string;
  field: SearchField;
  openUid: number | null;
  list: MessagesState;
  message: MessageState;
  folders: Folder[];
  trash: Folder | undefined;
  inTrash: boolean;
  navigate: Navigate;
  notify: Notify;
  adjustUnread: (path: string, delta: number) => void;
  reloadFolders: () => Promise<void> | void;
  setChecked: Dispatch<SetStateAction<Set<number>>>;
  setConfirmDelete: (uids: number[] | null) => void;
  /**
   * A move or delete the server answered with the new UIDs (COPYUID): offered for Undo. Returns true
   * when it took over telling the person (the undo toast), so the plain notice is skipped.
   */
  onUndoable?: (u: UndoableMove) => boolean;
}

/** What Undo needs: where the messages were, where they went (by UID), and their flags before. */
export interface UndoableMove {
  text: string;
  from: string;
  to: string;
  moved: [number, number][];
  flags: FlagsOf[];
}

/**
 * What the toolbars and the reading pane do to messages: flags (optimistic, rolled back on error),
 * move and delete (the rows leave the view; the open message hands over to its neighbour), and the
 * "delete for good?" question inside Trash. Every outcome is told in words through `notify`.
 */
export function useMessageActions({
  folder, q, field, openUid, list, message, folders, trash, inTrash, navigate, notify, adjustUnread, reloadFolders, setChecked, setConfirmDelete, onUndoable,
}: MessageActionsInput) {
  const flagsOf = (uids: number[]) => {
    const set = new Set(uids);
    return list.messages.filter((m) => set.has(m.uid)).map((m) => ({ uid: m.uid, seen: m.seen, flagged: m.flagged }));
  };
  // The flags Undo restores: as the server read them just before the move; the rows' copy only when it did not say.
  const offerUndo = (text: string, to: string | undefined, res: ActionResponse, flags: UndoableMove["flags"]) =>
    !!(to && res.moved?.length && onUndoable?.({ text, from: folder, to, moved: res.moved, flags: res.flagsBefore ?? flags }));
  const callAction = useCallback(
    (body: ActionRequest) => apiFetch<ActionResponse>("/api/messages/actions", { method: "POST", json: body }),
    [],
  );

  const runFlagAction = useCallback(
    async (action: FlagAction, uids: number[]) => {
      if (!uids.length) return;
      const set = new Set(uids);
      const before = list.messages.filter((m) => set.has(m.uid)).map((m) => ({ uid: m.uid, seen: m.seen, flagged: m.flagged }));
      const detailBefore = message.message && set.has(message.message.uid) ? message.message : null;
      const patch =
        action === "read" ? { seen: true } : action === "unread" ? { seen: false } : { flagged: action === "flag" };
      let unreadDelta = 0;
      if (action === "read") unreadDelta = -before.filter((m) => !m.seen).length;
      if (action === "unread") unreadDelta = before.filter((m) => m.seen).length;

      // Optimistic: the rows, the open message and the badge change now; the server confirms or we roll back.
      list.patchMessages(uids, patch);
      if (detailBefore) message.patchMessage(patch);
      if (unreadDelta) adjustUnread(folder, unreadDelta);
      try {
        await callAction({ folder, uids, action });
        if (uids.length > 1) notify(`Marked ${plural(uids.length, "message")} ${FLAG_WORDS[action]}`);
        else notify(`Marked ${FLAG_WORDS[action]}`);
      } catch (err) {
        for (const m of before) list.patchMessages([m.uid], { seen: m.seen, flagged: m.flagged });
        if (detailBefore) message.patchMessage({ seen: detailBefore.seen, flagged: detailBefore.flagged });
        if (unreadDelta) adjustUnread(folder, -unreadDelta);
        notify(errorMessage(err), "error");
      }
    },
    [list, message, folder, adjustUnread, callAction, notify],
  );

  /** After a move or delete: drop the rows and, if the open message went, open its neighbour. */
  const removeFromView = useCallback(
    (uids: number[]) => {
      const gone = new Set(uids);
      if (openUid !== null && gone.has(openUid)) {
        const rows = list.messages;
        const at = rows.findIndex((m) => m.uid === openUid);
        const after = rows.slice(at + 1).find((m) => !gone.has(m.uid));
        const before = [...rows.slice(0, Math.max(at, 0))].reverse().find((m) => !gone.has(m.uid));
        const next = at >= 0 ? (after ?? before ?? null) : null;
        navigate({ folder, q, field, openUid: next?.uid ?? null }, "replace");
      }
      setChecked((prev) => new Set([...prev].filter((u) => !gone.has(u))));
      list.removeMessages(uids);
    },
    [openUid, list, navigate, folder, q, field],
  );

  const runMove = useCallback(
    async (uids: number[], target: string) => {
      if (!uids.length) return;
      try {
        const flags = flagsOf(uids);
        const res = await callAction({ folder, uids, action: "move", target });
        removeFromView(uids);
        const text = goneNotice(res, uids.length) ?? `Moved ${plural(uids.length, "message")} to ${labelForPath(target, folders)}`;
        if (!offerUndo(text, target, res, flags)) notify(text);
      } catch (err) {
        notify(errorMessage(err), "error");
      }
      void reloadFolders();
    },
    [callAction, folder, removeFromView, notify, folders, reloadFolders, onUndoable, list.messages],
  );

  const runDelete = useCallback(
    async (uids: number[]) => {
      if (!uids.length) return;
      try {
        const flags = flagsOf(uids);
        const res = await callAction({ folder, uids, action: "delete" });
        removeFromView(uids);
        const n = plural(uids.length, "message");
        const gone = goneNotice(res, uids.length);
        if (gone) notify(gone);
        else if (offerUndo(`Moved ${n} to ${labelForPath(res.destination ?? "", folders)}`, res.destination, res, flags)) {
          // The undo toast says it.
        } else if (res.destination) notify(`Moved ${n} to ${labelForPath(res.destination, folders)}`);
        else notify(`Deleted ${n} permanently`);
      } catch (err) {
        notify(errorMessage(err), "error");
      }
      void reloadFolders();
    },
    [callAction, folder, removeFromView, notify, folders, reloadFolders, onUndoable, list.messages],
  );

  const requestDelete = useCallback(
    (uids: number[]) => {
      if (!uids.length) return;
      // Inside Trash (or with no Trash to move to) a delete is final: ask first.
      if (inTrash || (!trash && folders.length > 0)) setConfirmDelete(uids);
      else void runDelete(uids);
    },
    [inTrash, trash, folders.length, runDelete],
  );

  const dispatch = useCallback(
    (action: Exclude<MessageAction, "move">, uids: number[]) => {
      if (action === "delete") requestDelete(uids);
      else void runFlagAction(action, uids);
    },
    [requestDelete, runFlagAction],
  );

  return { runFlagAction, runMove, runDelete, requestDelete, dispatch };
}
