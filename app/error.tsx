"use client";

import { useEffect } from "react";
import { buttonClass } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

export default function ErrorPage({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600 dark:bg-red-950/50 dark:text-red-300">
        <AlertIcon className="size-6" />
      </span>
      <h1 className="text-lg font-semibold tracking-tight">Something went wrong</h1>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        Mailroom hit an unexpected problem showing this page. Your mail is safe on the server.
      </p>
      <div className="flex gap-2">
        <button type="button" className={buttonClass("primary")} onClick={() => (retry ?? reset)?.()}>
          Try again
        </button>
        <a href="/mail/INBOX" className={buttonClass("secondary")}>
          Go to Inbox
        </a>
      </div>
    </main>
  );
}
