"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { buttonClass, iconButtonClass } from "@/components/ui/button";

/*
 * The composer's frame (issue 12 point 14): minimise/expand (Escape minimises), and on wide screens a
 * reply or forward docked under the message it answers (a slot the reading pane renders after the
 * body) instead of floating over it.
 */

export const REPLY_DOCK_ID = "reply-dock";
const WIDE = "(min-width: 1280px)";

/** The slot under the open message, rendered by the reading pane; it names the message it sits under. */
export function ReplyDock({ folder, uid }: { folder: string; uid: number }) {
  return <div id={REPLY_DOCK_ID} data-folder={folder} data-uid={uid} />;
}

/**
 * Where a composer for `target` docks: the reading pane's slot when the screen is wide and the slot is
 * under that very message; null (float) otherwise. Follows resizes and the reading pane changing message.
 */
export function useReplyDock(target: { folder: string; uid: number } | null): HTMLElement | null {
  const [dock, setDock] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!target) return;
    const media = window.matchMedia(WIDE);
    const check = () => {
      const el = document.getElementById(REPLY_DOCK_ID);
      const fits = media.matches && el && el.dataset.folder === target.folder && el.dataset.uid === String(target.uid);
      setDock(fits ? el : null);
    };
    check();
    media.addEventListener("change", check);
    // The slot comes and goes with the reading pane (another message, a folder change).
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-uid", "data-folder"] });
    return () => {
      media.removeEventListener("change", check);
      observer.disconnect();
    };
  }, [target?.folder, target?.uid]);
  return dock;
}

/** The composer's frame classes: floating (phones full screen, desktops bottom right), docked, or minimised. */
export function shellClass(docked: boolean, minimised: boolean): string {
  const colours = "bg-white text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100";
  if (minimised) {
    return docked
      ? `mx-4 mb-8 flex h-12 flex-col overflow-hidden rounded-xl border border-zinc-200 shadow-sm md:mx-8 dark:border-zinc-700 ${colours}`
      : `fixed bottom-0 right-0 z-30 flex h-12 w-full flex-col overflow-hidden border border-zinc-200 shadow-2xl sm:right-4 sm:w-80 sm:rounded-t-xl dark:border-zinc-700 ${colours}`;
  }
  if (docked) return `mx-4 mb-8 flex h-[34rem] flex-col overflow-hidden rounded-2xl border border-zinc-200 shadow-sm md:mx-8 dark:border-zinc-700 ${colours}`;
  return `fixed inset-0 z-30 flex flex-col md:inset-auto md:bottom-4 md:right-4 md:h-[min(44rem,calc(100dvh-5rem))] md:w-[min(46rem,calc(100vw-2rem))] md:overflow-hidden md:rounded-2xl md:border md:border-zinc-200 md:shadow-2xl md:dark:border-zinc-700 ${colours}`;
}

/** The bar a minimised composer shrinks to: its title (the subject once there is one) and Expand. */
export function MinimisedBar({ title: fallback, titleId, onExpand, focus }: { title: string; titleId: string; onExpand: () => void; focus: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  // The form's own heading holds the subject as typed; read once, when the composer is minimised.
  const [title] = useState(() => (typeof document === "undefined" ? "" : document.getElementById(titleId)?.textContent?.trim()) || fallback);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="flex h-12 shrink-0 items-center gap-2 px-4">
      <span className="min-w-0 flex-1 truncate text-sm font-semibold">{title}</span>
      <button ref={ref} type="button" onClick={onExpand} aria-label={`Expand ${title}`} title="Expand" className={iconButtonClass}>
        <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
          <path d="M6 15l6-6 6 6" />
        </svg>
      </button>
    </div>
  );
}

export function MinimiseButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" aria-label="Minimise" title="Minimise (Esc)" className={iconButtonClass} onClick={onClick}>
      <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
        <path d="M6 12h12" />
      </svg>
    </button>
  );
}

/**
 * Asked before a draft goes: Discard deletes it (from Drafts, when it was saved there), Keep editing goes
 * back to the text. Neutral, not red: beside a send error it read as a second error.
 */
export function DiscardConfirm({ onConfirm, onCancel, busy, inDrafts }: { onConfirm: () => void; onCancel: () => void; busy: boolean; inDrafts: boolean }): ReactNode {
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-label="Discard this message?"
      aria-describedby="discard-confirm-text"
      className="mx-4 mb-2 flex flex-wrap items-center gap-2 rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-900 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-700"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <span id="discard-confirm-text" className="min-w-0 flex-1">
        {inDrafts ? "Discard this message? Its saved draft is deleted from Drafts." : "Discard this message? What you wrote is not kept."}
      </span>
      <button type="button" onClick={onConfirm} disabled={busy} className={buttonClass("danger", "sm")}>
        Discard
      </button>
      <button ref={keepRef} type="button" onClick={onCancel} className={buttonClass("secondary", "sm")}>
        Keep editing
      </button>
    </div>
  );
}
