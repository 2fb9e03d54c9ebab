"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/hooks/use-api";
import { useSettings } from "@/hooks/use-settings";
import { buttonClass, inputClass } from "@/components/ui/button";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Section, hintClass, labelClass } from "@/components/settings/ui";
import { IDENTITIES_MAX, SIGNATURE_MAX, type IdentitySetting } from "@/lib/shared/settings";

function newId(): string {
  return `id${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * From names and signatures. Every identity sends from the account's own address: Mailroom signs in
 * to SMTP as this account, and mail servers refuse or flag a From address the account does not own.
 */
export function IdentitiesSection({ email }: { email: string }) {
  const id = useId();
  const { settings, loaded, save } = useSettings();
  const [draft, setDraft] = useState<IdentitySetting[]>(settings.identities);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  // The server's copy arrives after the first render; take it unless the person already started editing.
  useEffect(() => {
    if (!dirty) setDraft(settings.identities);
  }, [settings.identities, dirty]);

  const edit = (i: number, patch: Partial<IdentitySetting>) => {
    setDraft((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    setDirty(true);
    setStatus(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setStatus(null);
    try {
      const next = await save({ identities: draft });
      setDraft(next.identities);
      setDirty(false);
      setStatus({ ok: true, text: "Identities and signatures saved." });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    } finally {
      setPending(false);
    }
  };

  return (
    <Section
      id={`${id}-ids`}
      title="Identities and signatures"
      description="The name people see on your mail, and the signature added to new messages and replies (above the quoted text). The first one is the default; you can pick another, and edit the signature, in each message."
    >
      <form onSubmit={submit} noValidate className="space-y-4" aria-busy={!loaded}>
        {draft.map((ident, i) => (
          <fieldset key={ident.id} className="space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
            <legend className="px-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{i === 0 ? "Default identity" : `Identity ${i + 1}`}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <div>
                <label htmlFor={`${id}-name-${i}`} className={labelClass}>
                  From name
                </label>
                <input id={`${id}-name-${i}`} type="text" maxLength={120} value={ident.name} onChange={(e) => edit(i, { name: e.target.value })} className={inputClass} placeholder={email} />
              </div>
              <div>
                <label htmlFor={`${id}-addr-${i}`} className={labelClass}>
                  From address
                </label>
                <input id={`${id}-addr-${i}`} type="email" value={email} readOnly aria-describedby={`${id}-addr-hint`} className={`${inputClass} bg-zinc-50 text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300`} />
              </div>
            </div>
            <div>
              <label htmlFor={`${id}-sig-${i}`} className={labelClass}>
                Signature
              </label>
              <textarea
                id={`${id}-sig-${i}`}
                rows={3}
                maxLength={SIGNATURE_MAX}
                value={ident.signature}
                onChange={(e) => edit(i, { signature: e.target.value })}
                className={`${inputClass} font-sans`}
                placeholder="None"
              />
            </div>
            {i > 0 && (
              <button
                type="button"
                onClick={() => {
                  setDraft((list) => list.filter((_, j) => j !== i));
                  setDirty(true);
                }}
                aria-label={`Remove identity ${i + 1}${ident.name ? ` (${ident.name})` : ""}`}
                className={buttonClass("ghost", "sm")}
              >
                <TrashIcon className="size-4" />
                Remove
              </button>
            )}
          </fieldset>
        ))}
        <p id={`${id}-addr-hint`} className={hintClass}>
          Mail is sent from {email} only: Mailroom signs in to your mail server as this account, and mail servers refuse or mark as forged a From address the account does not own.
          Identities differ in name and signature.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" disabled={pending || !dirty} className={buttonClass("primary")}>
            {pending ? "Saving…" : "Save identities"}
          </button>
          {draft.length < IDENTITIES_MAX && (
            <button
              type="button"
              onClick={() => {
                setDraft((list) => [...list, { id: newId(), name: list[0]?.name ?? "", signature: "" }]);
                setDirty(true);
              }}
              className={buttonClass("secondary")}
            >
              <PlusIcon className="size-4" />
              Add identity
            </button>
          )}
          <span role="status" className={`text-sm ${status?.ok === false ? "text-red-700 dark:text-red-300" : "text-zinc-600 dark:text-zinc-400"}`}>
            {status?.text ?? ""}
          </span>
        </div>
      </form>
    </Section>
  );
}
