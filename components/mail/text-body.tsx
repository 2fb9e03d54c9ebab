"use client";

import { useState } from "react";
import { LinkifiedText } from "@/components/mail/linkified-text";
import { AlertIcon } from "@/components/ui/icons";
import { foldableQuote, splitQuotedText } from "@/lib/shared/quoted-text";

/**
 * Paragraphs each get dir="auto", so an Arabic or Hebrew paragraph reads right-to-left (punctuation in
 * place) even next to a left-to-right one. The blank lines between them are kept as text, less the
 * one line break the block boundary already gives.
 */
function Paragraphs({ text }: { text: string }) {
  const parts = text.split(/(\n[^\S\n]*\n(?:[^\S\n]*\n)*)/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i}>{part.slice(1)}</span>
        ) : part ? (
          <div key={i} dir="auto">
            <LinkifiedText text={part} />
          </div>
        ) : null,
      )}
    </>
  );
}

function QuotedText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="my-2">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-0.5 text-[13px] leading-6 text-zinc-600 ring-1 ring-zinc-200 hover:bg-zinc-100 dark:text-zinc-400 dark:ring-zinc-700 dark:hover:bg-zinc-800"
      >
        {open ? "Hide quoted text" : "Show quoted text"}
      </button>
      {open && (
        <div className="mt-1 text-zinc-600 dark:text-zinc-400">
          <Paragraphs text={text} />
        </div>
      )}
    </div>
  );
}

/** A plain-text body: links made clickable (built as elements, never as HTML), a trailing quote folded. */
export function TextBody({ text }: { text: string }) {
  if (!text) {
    return (
      <div className="px-4 pb-10 text-[15px] leading-7 md:px-8">
        <span className="text-zinc-500 italic dark:text-zinc-400">This message has no text.</span>
      </div>
    );
  }
  const segments = splitQuotedText(text);
  return (
    <div dir="auto" className="whitespace-pre-wrap px-4 pb-10 text-[15px] leading-7 text-zinc-800 [overflow-wrap:anywhere] md:px-8 dark:text-zinc-200">
      {segments.map((seg, i) =>
        foldableQuote(segments, i) ? <QuotedText key={i} text={seg.text} /> : (
          <div key={i} className={seg.quoted ? "text-zinc-600 dark:text-zinc-400" : undefined}>
            <Paragraphs text={seg.text} />
          </div>
        ),
      )}
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
