"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { useSession } from "next-auth/react";
import { cleanDisplayName, defaultDisplayName, DISPLAY_NAME_MAX } from "@/lib/shared/display-name";
import { buttonClass, inputClass } from "@/components/ui/button";
import { rememberName } from "@/components/account/remembered-name";
import { NAME_CHANGED_EVENT } from "@/hooks/use-presence";
import { Section, hintClass, labelClass } from "@/components/settings/ui";

/**
 * The name colleagues sharing this mailbox see (presence, activity), moved here from the sign-in page.
 * It lives in this session's token, so two people on one account keep their own; this browser
 * remembers it for the next sign-in (components/account/remembered-name.ts).
 */
export function DisplayNameSection({ email }: { email: string }) {
  const id = useId();
  const { data, update } = useSession();
  const current = data?.user?.name || defaultDisplayName(email);
  const [value, setValue] = useState(current);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!touched) setValue(current);
  }, [current, touched]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const name = cleanDisplayName(value);
    if (!name) {
      setStatus({ ok: false, text: "Enter a name, so colleagues can tell you apart." });
      return;
    }
    setSaving(true);
    setStatus(null);
    try {
      const next = await update({ name });
      if (!next?.user?.name) throw new Error("not saved");
      rememberName(email, name);
      window.dispatchEvent(new Event(NAME_CHANGED_EVENT));
      setTouched(false);
      setStatus({ ok: true, text: "Your name is saved." });
    } catch {
      setStatus({ ok: false, text: "Your name could not be saved. Try again." });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section id={`${id}-you`} title="Your name" description="Shown to people who share this mailbox, next to what you read and reply to. This browser remembers it for your next sign-in.">
      <form onSubmit={save} noValidate className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Your name (shown to colleagues)
          </label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="nickname"
            maxLength={DISPLAY_NAME_MAX}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setTouched(true);
              setStatus(null);
            }}
            className={inputClass}
          />
        </div>
        {/* As "Save identities": nothing to save until the name differs from the one in use. */}
        <button type="submit" disabled={saving || cleanDisplayName(value) === current} aria-busy={saving} className={buttonClass("primary")}>
          {saving ? "Saving…" : "Save name"}
        </button>
        <p role="status" className={`w-full ${status?.ok === false ? "text-sm text-red-700 dark:text-red-300" : hintClass}`}>
          {status?.text ?? ""}
        </p>
      </form>
    </Section>
  );
}
