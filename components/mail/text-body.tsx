"use client";

import { LinkifiedText } from "@/components/mail/linkified-text";
import { AlertIcon } from "@/components/ui/icons";

/** A plain-text body: links made clickable, built as elements (never as HTML). */
export function TextBody({ text }: { text: string }) {
  return (
    <div className="whitespace-pre-wrap px-4 pb-10 text-[15px] leading-7 text-zinc-800 [overflow-wrap:anywhere] md:px-8 dark:text-zinc-200">
      {text ? <LinkifiedText text={text} /> : <span className="text-zinc-500 italic dark:text-zinc-400">This message has no text.</span>}
    </div>
  );
}

/** The original source of a message that could not be parsed, shown as-is. */
export function RawBody({ text }: { text: string }) {
  return (
    <div className="px-4 pb-8 md:px-8">
      <p className="mb-3 flex items-center gap-2 rounded-xl bg-amber-50 px-4 py-2.5 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        <AlertIcon className="size-4 shrink-0" />
        This message could not be fully read; showing its original source.
      </p>
      <pre className="overflow-x-auto rounded-xl bg-zinc-50 p-4 font-mono text-xs leading-5 text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">{text}</pre>
    </div>
  );
}
