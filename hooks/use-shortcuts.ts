"use client";

import { useEffect, useRef } from "react";

/**
 * Gmail-style keyboard shortcuts (issue 12, point 10). The keys map to named commands; what a command
 * does lives in one dispatcher (components/mail/shortcut-dispatch.ts), so wiring a new action (for
 * example a real Archive) is one line there. j / k live in the message list, which owns the cursor.
 */
export type ShortcutCommand =
  | "compose" | "reply" | "replyAll" | "forward"
  | "archive" | "delete" | "spam" | "flag" | "unread" | "read" | "select"
  | "search" | "escape" | "goInbox" | "goSent" | "goDrafts" | "help";

/** What the "Keyboard shortcuts" dialog lists, in this order. */
export const SHORTCUT_HELP: { keys: string[]; label: string }[] = [
  { keys: ["j"], label: "Next message (opens it when one is open)" },
  { keys: ["k"], label: "Previous message (opens it when one is open)" },
  { keys: ["c"], label: "Compose" },
  { keys: ["r"], label: "Reply" },
  { keys: ["a"], label: "Reply all" },
  { keys: ["f"], label: "Forward" },
  { keys: ["e"], label: "Archive" },
  { keys: ["#"], label: "Delete" },
  { keys: ["!"], label: "Mark as spam" },
  { keys: ["s"], label: "Flag or unflag" },
  { keys: ["u"], label: "Mark unread" },
  { keys: ["Shift", "u"], label: "Mark read" },
  { keys: ["x"], label: "Select or unselect" },
  { keys: ["/"], label: "Search" },
  { keys: ["Esc"], label: "Close or go back" },
  { keys: ["g", "i"], label: "Go to Inbox" },
  { keys: ["g", "s"], label: "Go to Sent" },
  { keys: ["g", "d"], label: "Go to Drafts" },
  { keys: ["Ctrl/⌘", "Enter"], label: "Send (in the composer)" },
  { keys: ["?"], label: "Show these shortcuts" },
];

const SINGLE: Record<string, ShortcutCommand> = {
  c: "compose", r: "reply", a: "replyAll", f: "forward", e: "archive", "#": "delete", "!": "spam",
  s: "flag", u: "unread", U: "read", x: "select", "/": "search", "?": "help",
};
const AFTER_G: Record<string, ShortcutCommand> = { i: "goInbox", s: "goSent", d: "goDrafts" };
// How long "g" waits for its second key, as in Gmail.
const G_WINDOW_MS = 1500;

/** A field, an editor or an open menu: keys there are typing, never shortcuts. */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.closest("[contenteditable=''],[contenteditable='true']")) return true;
  if (el.tagName === "INPUT") {
    const type = (el as HTMLInputElement).type;
    // A checkbox or radio takes no text: shortcuts still work with a row's checkbox focused.
    return type !== "checkbox" && type !== "radio" && type !== "button" && type !== "submit";
  }
  return /^(TEXTAREA|SELECT)$/.test(el.tagName) || el.closest('[role="menu"],[role="listbox"]') !== null;
}

/** Maps a key press to a command, or null. `pendingG` is whether "g" was the previous key. */
export function commandFor(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">, pendingG: boolean): ShortcutCommand | "g" | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (pendingG) return AFTER_G[e.key] ?? null;
  if (e.key === "Escape") return "escape";
  if (e.key === "g") return "g";
  return SINGLE[e.key] ?? null;
}

/**
 * Listens on the document. Modal dialogs (the composer, confirmations, this help) keep their own keys:
 * while one is open only Escape passes, and the dialog handles it itself.
 */
export function useShortcuts(run: (cmd: ShortcutCommand) => void, enabled = true) {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (!enabled) return;
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (isTypingTarget(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const cmd = commandFor(e, Date.now() - gAt < G_WINDOW_MS);
      gAt = 0;
      if (!cmd) return;
      if (cmd === "g") {
        gAt = Date.now();
        return;
      }
      // Escape on a focused control inside a menu or popover is theirs to handle.
      if (cmd === "escape" && (e.target as HTMLElement | null)?.closest?.("[aria-expanded='true']")) return;
      e.preventDefault();
      runRef.current(cmd);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);
}
