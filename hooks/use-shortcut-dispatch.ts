"use client";

import { useCallback, useState } from "react";
import type { Folder, MessageAction, MessageDetail, SpecialUse } from "@/lib/shared/types";
import type { ReplyMode } from "@/components/compose/reply-actions";
import { useShortcuts, type ShortcutCommand } from "@/hooks/use-shortcuts";

export interface ShortcutContext {
  folder: string;
  folders: Folder[];
  openUid: number | null;
  /** The open message once loaded (reply, forward and flag need it). */
  message: MessageDetail | null;
  /** What the toolbar acts on: the checked messages, or the open one. */
  targets: number[];
  /** True while the composer is open: its own keys (Ctrl/⌘+Enter, Escape) rule. */
  composing: boolean;
  compose: () => void;
  reply: (mode: ReplyMode, message: MessageDetail) => void;
  /** The message toolbar's actions (read, unread, flag, unflag, delete). */
  act: (action: Exclude<MessageAction, "move">, uids: number[]) => void;
  move: (uids: number[], target: string) => void;
  /** The everyday actions with Undo (components/mail/use-mail-actions.ts); plain moves without them. */
  archive?: (uids: number[]) => void;
  spam?: (uids: number[]) => void;
  toggleCheck: (uid: number) => void;
  openFolder: (path: string) => void;
  closeMessage: () => void;
  notify: (text: string) => void;
}

const findUse = (folders: Folder[], use: SpecialUse) => folders.find((f) => f.specialUse === use && !f.shared);

/** The list's keyboard cursor: the row the list would act on (its roving tab stop). */
function activeRowUid(): number | null {
  const el = document.querySelector<HTMLElement>('[role="list"] [role="listitem"] [data-row-button][tabindex="0"]');
  const uid = el?.closest<HTMLElement>("[data-uid]")?.dataset.uid;
  return uid ? Number(uid) : null;
}

/**
 * The one place a shortcut becomes an action. Archive and Spam go through the everyday actions (with
 * Undo) when given, else move to the account's Archive / Junk folder with the toolbar's own Move.
 */
export function useShortcutDispatch(ctx: ShortcutContext) {
  const [helpOpen, setHelpOpen] = useState(false);

  const moveToSpecial = useCallback(
    (use: SpecialUse, what: string) => {
      if (!ctx.targets.length) return;
      const target = findUse(ctx.folders, use);
      if (!target) ctx.notify(`There is no ${what} folder on this account`);
      else if (target.path !== ctx.folder) ctx.move(ctx.targets, target.path);
    },
    [ctx],
  );

  const run = useCallback(
    (cmd: ShortcutCommand) => {
      const m = ctx.message;
      switch (cmd) {
        case "help": return setHelpOpen(true);
        case "compose": return ctx.compose();
        case "reply": return m && ctx.reply("reply", m);
        case "replyAll": return m && ctx.reply("replyAll", m);
        case "forward": return m && ctx.reply("forward", m);
        case "archive": return ctx.archive ? ctx.targets.length && ctx.archive(ctx.targets) : moveToSpecial("archive", "Archive");
        case "spam": return ctx.spam ? ctx.targets.length && ctx.spam(ctx.targets) : moveToSpecial("junk", "Junk");
        case "delete": return ctx.targets.length ? ctx.act("delete", ctx.targets) : undefined;
        case "unread": return ctx.targets.length ? ctx.act("unread", ctx.targets) : undefined;
        case "read": return ctx.targets.length ? ctx.act("read", ctx.targets) : undefined;
        case "flag":
          if (!ctx.targets.length) return;
          // One message: toggle it. Several: flag them all (as Gmail's "s" on a selection does).
          return ctx.act(ctx.targets.length === 1 && m?.uid === ctx.targets[0] && m.flagged ? "unflag" : "flag", ctx.targets);
        case "select": {
          const uid = ctx.openUid ?? activeRowUid();
          return uid !== null ? ctx.toggleCheck(uid) : undefined;
        }
        case "search": return document.getElementById("mail-search")?.focus();
        case "escape": return ctx.openUid !== null ? ctx.closeMessage() : undefined;
        case "goInbox": return ctx.openFolder(findUse(ctx.folders, "inbox")?.path ?? "INBOX");
        case "goSent": {
          const f = findUse(ctx.folders, "sent");
          return f ? ctx.openFolder(f.path) : ctx.notify("There is no Sent folder on this account");
        }
        case "goDrafts": {
          const f = findUse(ctx.folders, "drafts");
          return f ? ctx.openFolder(f.path) : ctx.notify("There is no Drafts folder on this account");
        }
      }
    },
    [ctx, moveToSpecial],
  );

  useShortcuts(run, !ctx.composing);
  return { helpOpen, openHelp: () => setHelpOpen(true), closeHelp: () => setHelpOpen(false) };
}
