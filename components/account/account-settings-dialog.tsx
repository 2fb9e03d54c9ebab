"use client";

import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import type { Pop3Policy, Pop3Settings } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { buttonClass, fieldClass } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { formatCount, plural } from "@/components/mail/format";
import { formatStorage, INTERVAL_CHOICES, intervalLabel } from "@/components/account/sync-format";

interface AccountSettingsDialogProps {
  open: boolean;
  onClose: () => void;
  settings: Pop3Settings;
  usage: { bytes: number; messages: number };
  /** Path of the folder on screen: "this folder" for export and import. */
  folder: string;
  folderName: string;
  onSave: (settings: Pop3Settings) => Promise<void>;
  /** Called after an import added messages, so the list, counts and storage can be read again. */
  onImported: () => void;
}

const MAX_KEEP_DAYS = 3650;
const sectionTitle = "text-sm font-semibold text-zinc-900 dark:text-zinc-100";
const labelClass = "mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200";
const hintClass = "text-[13px] leading-5 text-zinc-600 dark:text-zinc-400";
const radioClass = "mt-0.5 size-4 shrink-0 accent-accent-600 dark:accent-accent-400";

export function AccountSettingsDialog(props: AccountSettingsDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Account settings" size="lg">
      {props.open && <AccountSettingsBody {...props} />}
    </Dialog>
  );
}

function AccountSettingsBody({ onClose, settings, usage, folder, folderName, onSave, onImported }: AccountSettingsDialogProps) {
  return (
    <div className="mt-5 space-y-6">
      <SettingsForm settings={settings} onSave={onSave} />

      <section aria-labelledby="account-storage-title" className="border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <h3 id="account-storage-title" className={sectionTitle}>
          Storage
        </h3>
        <p className={`mt-1 ${hintClass}`}>
          Mailroom keeps {plural(usage.messages, "message")} ({formatStorage(usage.bytes)}) for this account.
        </p>
      </section>

      <section aria-labelledby="account-backup-title" className="border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <h3 id="account-backup-title" className={sectionTitle}>
          Backup
        </h3>
        <p className={`mt-1 ${hintClass}`}>Download a copy of all your mail to keep, or to open in another program.</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <a href="/api/export?format=mbox" download className={buttonClass("secondary", "sm")}>
            <DownloadIcon className="size-4" />
            Export all mail as mbox
          </a>
          <a href="/api/export?format=zip" download className={buttonClass("secondary", "sm")}>
            <DownloadIcon className="size-4" />
            Export all mail as .eml files (zip)
          </a>
        </div>
      </section>

      <FolderSection folder={folder} folderName={folderName} onImported={onImported} />

      <DialogActions>
        <button type="button" className={buttonClass("secondary")} onClick={onClose}>
          Close
        </button>
      </DialogActions>
    </div>
  );
}

const POLICIES: { value: Exclude<Pop3Policy, "keep-days">; label: string }[] = [
  { value: "delete", label: "Delete it from the mail server" },
  { value: "keep", label: "Leave a copy on the mail server" },
];

function SettingsForm({ settings, onSave }: { settings: Pop3Settings; onSave: (s: Pop3Settings) => Promise<void> }) {
  const id = useId();
  const [policy, setPolicy] = useState<Pop3Policy>(settings.policy);
  const [days, setDays] = useState(String(settings.keepDays || 30));
  const [interval, setIntervalSeconds] = useState(settings.intervalSeconds);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const changed = () => {
    setSaved(false);
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const keepDays = Number(days);
    if (policy === "keep-days" && (!Number.isInteger(keepDays) || keepDays < 1 || keepDays > MAX_KEEP_DAYS)) {
      setError(`Enter a whole number of days from 1 to ${formatCount(MAX_KEEP_DAYS)}.`);
      return;
    }
    setPending(true);
    setError(null);
    setSaved(false);
    try {
      await onSave({
        policy,
        keepDays: Number.isInteger(keepDays) && keepDays >= 1 ? keepDays : settings.keepDays,
        intervalSeconds: interval,
      });
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  const choices = INTERVAL_CHOICES.some((c) => c.seconds === interval)
    ? INTERVAL_CHOICES
    : [...INTERVAL_CHOICES, { seconds: interval, label: intervalLabel(interval) }].sort((a, b) => a.seconds - b.seconds);

  const option = (value: Pop3Policy, label: string) => (
    <label key={value} className="flex cursor-pointer items-start gap-2.5 text-sm text-zinc-800 dark:text-zinc-200">
      <input
        type="radio"
        name="pop3-policy"
        value={value}
        checked={policy === value}
        onChange={() => {
          setPolicy(value);
          changed();
        }}
        className={radioClass}
      />
      <span>{label}</span>
    </label>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <fieldset>
        <legend className={labelClass}>After Mailroom downloads a message</legend>
        <div className="mt-1 space-y-2.5">
          {POLICIES.map((p) => option(p.value, p.label))}
          {/* The day count sits inside the sentence; the radio's name reads the whole sentence, number included. */}
          <div className="flex items-center gap-2.5 text-sm text-zinc-800 dark:text-zinc-200">
            <input
              id={`${id}-keep-days`}
              type="radio"
              name="pop3-policy"
              value="keep-days"
              checked={policy === "keep-days"}
              onChange={() => {
                setPolicy("keep-days");
                changed();
              }}
              aria-labelledby={`${id}-kd-1 ${id}-days ${id}-kd-2`}
              className="size-4 shrink-0 accent-accent-600 dark:accent-accent-400"
            />
            <span className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
              <label id={`${id}-kd-1`} htmlFor={`${id}-keep-days`} className="cursor-pointer">
                Leave a copy, then delete it after
              </label>
              <input
                id={`${id}-days`}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_KEEP_DAYS}
                step={1}
                aria-label="Days to keep"
                disabled={policy !== "keep-days"}
                value={days}
                onChange={(e) => {
                  setDays(e.target.value);
                  changed();
                }}
                className={`${fieldClass} w-20 disabled:cursor-not-allowed disabled:opacity-50`}
              />
              <label id={`${id}-kd-2`} htmlFor={`${id}-keep-days`} className="cursor-pointer">
                days
              </label>
            </span>
          </div>
          {option("delete-when-deleted", "Delete it from the mail server when I delete it here (emptied from Trash)")}
        </div>
      </fieldset>

      <div>
        <label htmlFor={`${id}-interval`} className={labelClass}>
          Check for new mail every
        </label>
        <select
          id={`${id}-interval`}
          value={interval}
          onChange={(e) => {
            setIntervalSeconds(Number(e.target.value));
            changed();
          }}
          className={`${fieldClass} block min-w-44`}
        >
          {choices.map((c) => (
            <option key={c.seconds} value={c.seconds}>
              {c.label}
            </option>
          ))}
        </select>
        <p className={`mt-1.5 ${hintClass}`}>While Mailroom is open in a browser.</p>
      </div>

      <DialogError message={error} />
      <div className="flex items-center justify-end gap-3">
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {saved ? "Settings saved" : ""}
        </p>
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary")}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}

type ImportState =
  | { kind: "idle" }
  | { kind: "pending"; name: string }
  | { kind: "done"; text: string }
  | { kind: "error"; text: string };

/** Export and import for the folder on screen. */
function FolderSection({ folder, folderName, onImported }: { folder: string; folderName: string; onImported: () => void }) {
  const id = useId();
  const [state, setState] = useState<ImportState>({ kind: "idle" });

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setState({ kind: "pending", name: file.name });
    try {
      // The file is the raw request body: no multipart wrapper, so the server can stream it.
      const res = await apiFetch<{ imported: number; skipped: number }>(`/api/import?folder=${encodeURIComponent(folder)}`, {
        method: "POST",
        body: file,
      });
      const skipped = res.skipped > 0 ? ` (${formatCount(res.skipped)} already here)` : "";
      setState({ kind: "done", text: `Imported ${plural(res.imported, "message")}${skipped}` });
      onImported();
    } catch (err) {
      setState({ kind: "error", text: errorMessage(err) });
    } finally {
      // Choosing the same file again must fire another change.
      input.value = "";
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="border-t border-zinc-200 pt-5 dark:border-zinc-800">
      <h3 id={`${id}-title`} className={sectionTitle}>
        This folder: {folderName}
      </h3>
      <div className="mt-3">
        <a href={`/api/export?format=mbox&folder=${encodeURIComponent(folder)}`} download className={buttonClass("secondary", "sm")}>
          <DownloadIcon className="size-4" />
          Export this folder as mbox
        </a>
      </div>
      <label htmlFor={`${id}-file`} className="mt-4 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Import an mbox file into this folder
      </label>
      <p id={`${id}-hint`} className={`mt-0.5 ${hintClass}`}>
        Messages that are already here are skipped.
      </p>
      <input
        id={`${id}-file`}
        type="file"
        aria-describedby={`${id}-hint`}
        disabled={state.kind === "pending"}
        onChange={(e) => void upload(e)}
        className="mt-3 block w-full text-sm text-zinc-600 file:mr-3 file:h-8 file:cursor-pointer file:rounded-lg file:border file:border-zinc-200 file:bg-white file:px-2.5 file:text-[13px] file:font-medium file:text-zinc-800 hover:file:bg-zinc-50 disabled:opacity-60 dark:text-zinc-400 dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100 dark:hover:file:bg-zinc-800"
      />
      <p role="status" className="mt-2 text-sm text-zinc-700 empty:hidden dark:text-zinc-300">
        {state.kind === "pending" ? `Importing ${state.name}…` : state.kind === "done" ? state.text : ""}
      </p>
      <DialogError message={state.kind === "error" ? state.text : null} />
    </section>
  );
}
