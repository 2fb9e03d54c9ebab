"use client";

import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Folder, MessageAction } from "@/lib/shared/types";
import type { UndoState } from "@/components/mail/undo-toast";
import type { Notify } from "@/hooks/use-message-actions";

/**
 * The everyday message actions (issue 12 points 4, 5, 8, 11, 20) as one client API. The reading-pane
 * toolbar, the row hover buttons, the row context menu and swipes call it; keyboard shortcuts can too
 * (`useMailActionsContext()` inside MailApp). Every move-like action (archive, spam, move, delete)
 * goes through the same path as the toolbars, so it gets the same Undo toast.
 */
export interface MailActions {
  folder: string;
  /** The \Archive folder, or null when the account has none (Archive is then disabled, with the reason). */
  archiveFolder: Folder | null;
  /** The \Junk folder, or null. */
  junkFolder: Folder | null;
  /** True inside Junk: "Spam" becomes "Not spam" (back to Inbox). */
  inJunk: boolean;
  archive: (uids: number[]) => void;
  /** To Trash (asks first inside Trash, where it is final). */
  remove: (uids: number[]) => void;
  move: (uids: number[], target: string) => void;
  spam: (uids: number[]) => void;
  notSpam: (uids: number[]) => void;
  markRead: (uids: number[]) => void;
  markUnread: (uids: number[]) => void;
  flag: (uids: number[]) => void;
  unflag: (uids: number[]) => void;
  /** Opens the print view of a message in a new tab (it prints itself). */
  print: (uid: number) => void;
  /** Shows the raw message in a dialog (with a .eml download). */
  viewSource: (uid: number) => void;
  /** Undoes the last move/archive/spam/delete while its toast shows; no-op otherwise. */
  undo: () => Promise<void>;
  /** Why Archive / Spam cannot work here, for titles and descriptions. */
  noArchiveReason: string;
  noJunkReason: string;
  source: { folder: string; uid: number } | null;
  closeSource: () => void;
}

export interface MailActionsInput {
  folder: string;
  folders: Folder[];
  dispatch: (action: Exclude<MessageAction, "move">, uids: number[]) => void;
  runMove: (uids: number[], target: string) => Promise<void>;
  undo: UndoState;
  notify: Notify;
}

export const printUrl = (folder: string, uid: number) => `/print?folder=${encodeURIComponent(folder)}&uid=${uid}`;
export const sourceUrl = (folder: string, uid: number, download = false) =>
  `/api/messages/${uid}/source?folder=${encodeURIComponent(folder)}${download ? "&download=1" : ""}`;

export function useMailActions({ folder, folders, dispatch, runMove, undo, notify }: MailActionsInput): MailActions {
  const [source, setSource] = useState<MailActions["source"]>(null);
  const archiveFolder = folders.find((f) => f.specialUse === "archive" && f.selectable) ?? null;
  const junkFolder = folders.find((f) => f.specialUse === "junk" && f.selectable) ?? null;
  const inbox = folders.find((f) => f.specialUse === "inbox")?.path ?? "INBOX";
  const inJunk = junkFolder?.path === folder;

  // The handlers below read these at the time of the action, so the context's value stays the same
  // while a message opens (dispatch changes with the open message): the rows' action buttons, which
  // read it, then do not all re-render on every open (issue 13).
  const latest = useRef({ dispatch, runMove, notify, undo: undo.undo });
  useLayoutEffect(() => {
    latest.current = { dispatch, runMove, notify, undo: undo.undo };
  });
  const moveTo = useCallback(
    (uids: number[], target: string | undefined, missing: string) => {
      if (!uids.length) return;
      if (!target) latest.current.notify(missing, "error");
      else if (target === folder) latest.current.notify("These messages are already there.");
      else void latest.current.runMove(uids, target);
    },
    [folder],
  );

  const noArchiveReason = "This account has no Archive folder. Create a folder named Archive (or mark one as Archive in another mail client) to use it.";
  const noJunkReason = "This account has no Junk folder.";

  const print = useCallback(
    (uid: number) => {
      const w = window.open(printUrl(folder, uid), "_blank");
      if (!w) notify("Your browser blocked the print view. Allow pop-ups for Mailroom to print.", "error");
    },
    [folder, notify],
  );

  return useMemo(
    () => ({
      folder,
      archiveFolder,
      junkFolder,
      inJunk,
      archive: (uids) => moveTo(uids, archiveFolder?.path, noArchiveReason),
      remove: (uids) => latest.current.dispatch("delete", uids),
      move: (uids, target) => moveTo(uids, target, "Choose a folder to move to."),
      spam: (uids) => moveTo(uids, junkFolder?.path, noJunkReason),
      notSpam: (uids) => moveTo(uids, inbox, "There is no Inbox to move to."),
      markRead: (uids) => latest.current.dispatch("read", uids),
      markUnread: (uids) => latest.current.dispatch("unread", uids),
      flag: (uids) => latest.current.dispatch("flag", uids),
      unflag: (uids) => latest.current.dispatch("unflag", uids),
      print,
      viewSource: (uid) => setSource({ folder, uid }),
      undo: () => latest.current.undo(),
      noArchiveReason,
      noJunkReason,
      source,
      closeSource: () => setSource(null),
    }),
    // By path: a new unread count makes new folder objects, but the same actions.
    [folder, archiveFolder?.path, junkFolder?.path, inJunk, inbox, moveTo, print, source],
  );
}

export const MailActionsContext = createContext<MailActions | null>(null);

/** The actions of the mail app around this component (null outside MailApp, e.g. in unit tests of a row). */
export function useMailActionsContext(): MailActions | null {
  return useContext(MailActionsContext);
}
