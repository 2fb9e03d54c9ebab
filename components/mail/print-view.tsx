"use client";

import { useEffect, useState } from "react";
import type { Address, MessageDetail } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { HtmlBodyFrame } from "@/components/mail/html-body-frame";
import { TextBody } from "@/components/mail/text-body";
import { formatAddress, formatFullDate, subjectText } from "@/components/mail/format";
import { buttonClass } from "@/components/ui/button";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

// Time for the body frame to load and report its height before the print dialog freezes the layout.
const SETTLE_MS = 900;

const line = (list: Address[]) => list.map(formatAddress).join(", ");

/**
 * The print view: the headers a printout needs and the body (the sandboxed HTML frame grows to its
 * content, so every line of it prints), nothing else. It opens the print dialog once the body settled.
 */
export function PrintView({ folder, uid }: { folder: string; uid: number | null }) {
  useDatePrefs();
  const [message, setMessage] = useState<MessageDetail | null>(null);
  const [error, setError] = useState<string | null>(uid === null || !folder ? "This print link is missing its message." : null);

  useEffect(() => {
    if (uid === null || !folder) return;
    apiFetch<MessageDetail>(`/api/messages/${uid}?folder=${encodeURIComponent(folder)}`)
      .then(setMessage)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [folder, uid]);

  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => window.print(), SETTLE_MS);
    return () => clearTimeout(t);
  }, [message]);

  if (error) return <p className="p-8 text-sm text-zinc-700 dark:text-zinc-300">{error}</p>;
  if (!message) return <p className="p-8 text-sm text-zinc-500" role="status">Preparing the print view…</p>;

  return (
    // Paper is white: the print view keeps the light look whatever the screen's theme.
    <div className="min-h-dvh bg-white [color-scheme:light]">
    <main className="mx-auto max-w-3xl bg-white p-8 text-zinc-950 print:max-w-none print:p-0">
      <div className="mb-6 flex justify-end print:hidden">
        <button type="button" onClick={() => window.print()} className={buttonClass("primary", "sm")}>
          Print
        </button>
      </div>
      <h1 className="text-2xl font-semibold leading-snug">{subjectText(message.subject)}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 border-b border-zinc-300 pb-4 text-sm">
        <dt className="font-medium text-zinc-600">From</dt>
        <dd>{message.from ? formatAddress(message.from) : "(unknown sender)"}</dd>
        <dt className="font-medium text-zinc-600">Date</dt>
        <dd>{formatFullDate(message.date)}</dd>
        {message.to.length > 0 && (
          <>
            <dt className="font-medium text-zinc-600">To</dt>
            <dd>{line(message.to)}</dd>
          </>
        )}
        {message.cc.length > 0 && (
          <>
            <dt className="font-medium text-zinc-600">Cc</dt>
            <dd>{line(message.cc)}</dd>
          </>
        )}
        {message.attachments.length > 0 && (
          <>
            <dt className="font-medium text-zinc-600">Attachments</dt>
            <dd>{message.attachments.map((a) => a.filename).join(", ")}</dd>
          </>
        )}
      </dl>
      <div className="pt-6" data-print-body="">
        {message.bodyKind === "html" && message.bodyUrl ? (
          <HtmlBodyFrame src={message.bodyUrl} title={`Message: ${subjectText(message.subject)}`} />
        ) : (
          <TextBody text={message.text ?? ""} />
        )}
      </div>
    </main>
    </div>
  );
}
