"use client";

import type { MessageDetail } from "@/lib/shared/types";
import { checkSenders } from "@/lib/shared/sender-check";
import { AlertIcon } from "@/components/ui/icons";

function sendersOf(message: MessageDetail) {
  const from = message.fromAll?.length ? message.fromAll : message.from ? [message.from] : [];
  return checkSenders(from, message.fromHeaders ?? (from.length ? 1 : 0));
}

/**
 * The From line: every sender's display name with the real address always beside it as text, and
 * the punycode form of a domain that mixes scripts. Each name sits in <bdi> so bidi controls in it
 * cannot reorder the address next to it.
 */
export function SenderLine({ message }: { message: MessageDetail }) {
  const { senders } = sendersOf(message);
  if (senders.length === 0) return <span className="font-semibold text-zinc-900 dark:text-zinc-100">(unknown sender)</span>;
  return (
    <>
      {senders.map((s, i) => (
        <span key={`${s.address}-${i}`} data-sender="">
          {i > 0 && ", "}
          {s.name && (
            <>
              <bdi className="font-semibold text-zinc-900 dark:text-zinc-100">{s.name}</bdi>{" "}
            </>
          )}
          {/* A block of its own when named: it moves whole to the next line rather than breaking at its "-". */}
          <span className={s.name ? "inline-block max-w-full text-zinc-500 dark:text-zinc-400" : "font-semibold text-zinc-900 dark:text-zinc-100"}>
            {s.name ? "<" : ""}
            <bdi>{s.address}</bdi>
            {s.name ? ">" : ""}
          </span>
          {s.asciiAddress && <span className="text-zinc-500 dark:text-zinc-400"> ({s.asciiAddress})</span>}
        </span>
      ))}
    </>
  );
}

/** What the reader must know before trusting the message: sender warnings, then how its text was decoded. */
export function MessageNotes({ message }: { message: MessageDetail }) {
  const { warnings } = sendersOf(message);
  const notes = message.encodingNotes ?? [];
  if (warnings.length === 0 && notes.length === 0) return null;
  return (
    <div className="mt-3 space-y-1.5">
      {warnings.map((w) => (
        <p key={w} role="note" data-sender-warning="" className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <span>{w}</span>
        </p>
      ))}
      {notes.map((n) => (
        <p key={n} role="note" className="text-xs text-zinc-500 dark:text-zinc-400">
          {n}
        </p>
      ))}
    </div>
  );
}
