"use client";

import type { Toast } from "@/hooks/use-toast";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";

/** The live region is always in the DOM so screen readers announce each new message. */
export function StatusToast({ toast, onDismiss }: { toast: Toast | null; onDismiss: () => void }) {
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      <div role="status" aria-live="polite" aria-atomic="true">
        {toast && (
          <div
            key={toast.id}
            className={`pointer-events-auto flex max-w-md items-center gap-3 rounded-xl px-4 py-2.5 text-sm shadow-lg ring-1 ${
              toast.tone === "error"
                ? "bg-red-50 text-red-900 ring-red-200 dark:bg-red-950 dark:text-red-100 dark:ring-red-900"
                : "bg-zinc-900 text-white ring-zinc-900/10 dark:bg-zinc-100 dark:text-zinc-900 dark:ring-white/10"
            }`}
          >
            {toast.tone === "error" && <AlertIcon className="size-4 shrink-0" />}
            <span>{toast.message}</span>
            <button
              type="button"
              onClick={onDismiss}
              aria-label="Dismiss notification"
              className="-mr-1 ml-1 rounded-md p-1 opacity-70 hover:opacity-100"
            >
              <CloseIcon className="size-3.5" />
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
