"use client";

import { useId } from "react";
import { currentSettings, useSettings } from "@/hooks/use-settings";
import type { ComposeSnapshot } from "@/hooks/use-compose";
import { FromField } from "@/components/compose/from-field";
import { identityById } from "@/lib/shared/settings";
import { insertSignature, replaceSignature } from "@/lib/shared/signature";

/**
 * A message the composer starts (new, reply, forward; not a reopened draft or a restored one): the
 * default identity and its signature, above any quote. Editable like the rest of the text.
 */
export function withStartingSignature(snap: ComposeSnapshot): ComposeSnapshot {
  if (snap.draftUid !== null || snap.identityId) return snap;
  const identity = identityById(currentSettings(), null);
  return { ...snap, identityId: identity.id, html: insertSignature(snap.html, identity.signature) };
}

/**
 * From: with one identity, the name field as before; with several (Settings → Identities), a choice
 * among them. Picking another swaps its signature in (onHtml: the editor must show the new text).
 */
export function IdentityFrom({ email, identityId, html, onPick }: { email: string; identityId: string | null | undefined; html: string; onPick: (identityId: string, html: string | null) => void }) {
  const id = useId();
  const { settings } = useSettings();
  if (settings.identities.length < 2) return <FromField email={email} />;
  const current = identityById(settings, identityId);
  return (
    <div className="flex items-center gap-2 border-b border-zinc-200/80 px-4 dark:border-zinc-800">
      <label htmlFor={id} className="w-14 shrink-0 text-sm text-zinc-500 dark:text-zinc-400">
        From
      </label>
      <select
        id={id}
        value={current.id}
        onChange={(e) => {
          const next = identityById(settings, e.target.value);
          const swapped = replaceSignature(html, current.signature, next.signature);
          onPick(next.id, swapped === html ? null : swapped);
        }}
        className="h-9 min-w-0 flex-1 truncate rounded-md bg-transparent px-1 text-sm outline-none hover:bg-zinc-50 focus:bg-zinc-50 dark:hover:bg-zinc-800/60 dark:focus:bg-zinc-800/60"
      >
        {settings.identities.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name ? `${i.name} <${email}>` : email}
          </option>
        ))}
      </select>
    </div>
  );
}
