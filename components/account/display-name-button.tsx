"use client";

import { useEffect, useState, type FormEvent } from "react";
import { useSession } from "next-auth/react";
import { cleanDisplayName, defaultDisplayName, DISPLAY_NAME_MAX } from "@/lib/shared/display-name";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { buttonClass, inputClass } from "@/components/ui/button";
import { UserIcon } from "@/components/ui/icons";
import { rememberName } from "@/components/account/remembered-name";
import { NAME_CHANGED_EVENT } from "@/hooks/use-presence";

/**
 * The name colleagues see ("Dana is replying"), and a dialog to change it. It lives in this session's
 * token (next-auth's session update), so each person sharing one account keeps their own; this browser
 * also remembers it for the next sign-in.
 */
export function DisplayNameButton({ email }: { email: string }) {
  const { data, update } = useSession();
  const current = data?.user?.name || defaultDisplayName(email);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(current);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setValue(current);
      setError(null);
    }
  }, [open, current]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const name = cleanDisplayName(value);
    if (!name) {
      setError("Enter a name, so colleagues can tell you apart.");
      return;
    }
    setSaving(true);
    try {
      const next = await update({ name });
      if (!next?.user?.name) throw new Error("not saved");
      rememberName(email, name);
      window.dispatchEvent(new Event(NAME_CHANGED_EVENT));
      setOpen(false);
    } catch {
      setError("Your name could not be saved. Try again.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        title="Your name (shown to colleagues)"
        aria-label={`Your name: ${current}. Change`}
        className={buttonClass("ghost", "sm", "min-w-0 shrink")}
      >
        <UserIcon className="size-4 shrink-0" />
        <span className="hidden max-w-[10rem] truncate sm:inline">{current}</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Your name" description="Shown to people who share this mailbox, next to what you read and reply to.">
        <form onSubmit={save} noValidate className="mt-4">
          <label htmlFor="display-name" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Your name (shown to colleagues)
          </label>
          <input
            id="display-name"
            autoFocus
            type="text"
            autoComplete="nickname"
            maxLength={DISPLAY_NAME_MAX}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className={inputClass}
          />
          <DialogError message={error} />
          <DialogActions>
            <button type="button" className={buttonClass("secondary")} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" disabled={saving} aria-busy={saving} className={buttonClass("primary")}>
              {saving ? "Saving…" : "Save"}
            </button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
