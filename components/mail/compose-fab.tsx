"use client";

import { PencilIcon } from "@/components/ui/icons";

/**
 * Phones only: Compose as a floating button in thumb reach, so the top bar stays one slim row.
 * Hidden while a message is open there (its reply buttons take that place) and while composing.
 */
export function ComposeFab({ onCompose, hidden }: { onCompose: () => void; hidden?: boolean }) {
  if (hidden) return null;
  return (
    <button
      type="button"
      onClick={onCompose}
      data-compose-fab=""
      className="fixed bottom-[max(1.25rem,env(safe-area-inset-bottom))] right-4 z-30 inline-flex h-14 items-center gap-2 rounded-2xl bg-accent-600 px-5 text-[15px] font-semibold text-white shadow-lg shadow-zinc-900/20 hover:bg-accent-700 active:bg-accent-800 sm:hidden dark:bg-accent-500 dark:text-zinc-950 dark:shadow-black/40 dark:hover:bg-accent-400"
    >
      <PencilIcon className="size-5" />
      Compose
    </button>
  );
}
