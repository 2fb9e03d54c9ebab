"use client";

import type { PresencePerson } from "@/lib/shared/collab-types";
import { presenceSentence } from "@/lib/shared/presence-words";
import { EyeIcon, PencilIcon } from "@/components/ui/icons";

/**
 * "Dana is also viewing" / "Sam is replying" under the message's subject. The region is always in the
 * page (empty when alone) so screen readers announce people arriving and leaving.
 */
export function PresenceChips({ people }: { people: readonly PresencePerson[] }) {
  // Replying first: it is the one that matters before answering.
  const sorted = [...people].sort((a, b) => Number(b.activity === "replying") - Number(a.activity === "replying") || a.name.localeCompare(b.name));
  return (
    <div role="status" aria-live="polite" aria-label="Others on this message" className="mt-3 flex flex-wrap gap-1.5 empty:mt-0">
      {sorted.map((p) => (
        <span
          key={`${p.id}-${p.uid}`}
          className={`inline-flex max-w-full items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ${
            p.activity === "replying"
              ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-500/30"
              : "bg-accent-50 text-accent-800 ring-1 ring-accent-100 dark:bg-accent-500/10 dark:text-accent-200 dark:ring-accent-500/25"
          }`}
        >
          {p.activity === "replying" ? <PencilIcon className="size-3.5 shrink-0" /> : <EyeIcon className="size-3.5 shrink-0" />}
          <span className="truncate">{presenceSentence(p)}</span>
        </span>
      ))}
    </div>
  );
}
