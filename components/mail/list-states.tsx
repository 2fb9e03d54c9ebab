import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

/** The list could not load: the reason in words and a way to try again (message and conversation lists). */
export function ListError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 px-8 text-center">
      <AlertIcon className="size-8 text-red-500 dark:text-red-400" />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{message}</p>
      <button type="button" onClick={onRetry} className={buttonClass("secondary", "sm")}>
        Try again
      </button>
    </div>
  );
}

/** Nothing to show: a quiet icon and one line. */
export function ListEmpty({ icon, children, action }: { icon: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 px-8 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-400 dark:bg-zinc-900 dark:text-zinc-500">{icon}</span>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
      {action}
    </div>
  );
}
