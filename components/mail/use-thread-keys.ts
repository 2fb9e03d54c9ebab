"use client";

import { useEffect, useRef } from "react";
import { isTypingTarget } from "@/hooks/use-shortcuts";
import type { ConversationThread } from "@/lib/shared/conversation-types";

interface Options {
  threads: ConversationThread[];
  folder: string;
  openUid: number | null;
  onOpen: (thread: ConversationThread) => void;
}

/**
 * j / k in the conversation view (issue 12 point 9), as in the message list: they move the keyboard focus
 * between thread rows, and while a thread is open they open the next or previous one. The first press
 * lands on the newest conversation (the top row), not on the one after it. Returns the ref for the list.
 */
export function useThreadKeys({ threads, folder, openUid, onOpen }: Options) {
  const listRef = useRef<HTMLUListElement>(null);
  const cursor = useRef<number | null>(null);
  const latest = useRef({ threads, folder, openUid, onOpen });
  latest.current = { threads, folder, openUid, onOpen };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      if (e.key !== "j" && e.key !== "k") return;
      if (isTypingTarget(e.target) || document.querySelector("dialog[open]")) return;
      const { threads, folder, openUid, onOpen } = latest.current;
      const list = listRef.current;
      if (!list || !threads.length) return;
      const openIndex = openUid === null ? -1 : threads.findIndex((t) => t.messages.some((m) => m.folder === folder && m.uid === openUid));
      const visible = list.offsetParent !== null;
      // A hidden list (phones, while a thread is open) still steps through threads, never focus.
      if (!visible && openIndex < 0) return;
      e.preventDefault();
      const buttons = [...list.querySelectorAll<HTMLElement>("[data-thread-row] > button")];
      const focused = buttons.findIndex((b) => b === document.activeElement || b.parentElement?.contains(document.activeElement));
      const from = focused >= 0 ? focused : openIndex >= 0 ? openIndex : cursor.current;
      const next = from === null ? 0 : Math.max(0, Math.min(threads.length - 1, from + (e.key === "j" ? 1 : -1)));
      cursor.current = next;
      if (visible) {
        buttons[next]?.focus();
        buttons[next]?.scrollIntoView({ block: "nearest" });
      }
      if (openIndex >= 0 && next !== openIndex) onOpen(threads[next]!);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // A new folder or a new list starts again at the newest.
  useEffect(() => {
    cursor.current = null;
  }, [folder]);

  return listRef;
}
