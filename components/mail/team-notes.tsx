"use client";

import { useId, useState, type FormEvent } from "react";
import { NOTE_MAX_CHARS, type NoteView } from "@/lib/shared/team-types";
import { buttonClass } from "@/components/ui/button";
import { TeamAvatar } from "@/components/mail/team-avatar";
import { formatStamp } from "@/components/mail/format";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

// The list's date format (issue 12 point 21), with the time.
const when = (iso: string) => formatStamp(iso);

const fieldClass =
  "w-full resize-y rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500";

function NoteItem({ note, onEdit, onDelete }: { note: NoteView; onEdit: (body: string) => Promise<boolean>; onDelete: () => void }) {
  useDatePrefs();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await onEdit(draft)) setEditing(false);
  };
  return (
    <li aria-label={`Note by ${note.author.self ? "you" : note.author.name}`} className="flex gap-2.5">
      <TeamAvatar id={note.author.id} name={note.author.name} size="md" />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="font-semibold text-zinc-800 dark:text-zinc-200">{note.author.name}</span>
          <time dateTime={note.at}>{when(note.at)}</time>
          {note.editedAt && <span>(edited)</span>}
          {note.mentionsMe && !note.author.self && <span className="rounded-full bg-accent-50 px-1.5 text-accent-800 dark:bg-accent-500/15 dark:text-accent-200">mentions you</span>}
        </p>
        {editing ? (
          <form onSubmit={save} className="mt-1 space-y-1.5">
            <textarea aria-label="Edit note" className={fieldClass} rows={2} maxLength={NOTE_MAX_CHARS} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
            <div className="flex gap-2">
              <button type="submit" className={buttonClass("primary", "sm")} disabled={!draft.trim()}>
                Save note
              </button>
              <button type="button" className={buttonClass("ghost", "sm")} onClick={() => { setDraft(note.body); setEditing(false); }}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <p dir="auto" className="mt-0.5 whitespace-pre-wrap text-sm text-zinc-800 [overflow-wrap:anywhere] dark:text-zinc-200">
            {note.body}
          </p>
        )}
        {note.author.self && !editing && (
          <div className="mt-0.5 flex gap-1">
            <button type="button" className={buttonClass("ghost", "sm", "h-7 px-2 text-xs")} onClick={() => { setDraft(note.body); setEditing(true); }}>
              Edit note
            </button>
            <button type="button" className={buttonClass("ghost", "sm", "h-7 px-2 text-xs text-red-700 dark:text-red-400")} onClick={onDelete}>
              Delete note
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

interface TeamNotesProps {
  notes: NoteView[];
  error: string | null;
  onAdd: (body: string) => Promise<boolean>;
  onEdit: (id: string, body: string) => Promise<boolean>;
  onDelete: (id: string) => void;
}

/**
 * "Notes": what the team says about this message among themselves. Kept by Mailroom, never stored
 * as mail or sent; only people who can open this mailbox see them. "@Name" mentions a colleague.
 */
export function TeamNotes({ notes, error, onAdd, onEdit, onDelete }: TeamNotesProps) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const submit = async (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (!body.trim() || busy) return;
    setBusy(true);
    const ok = await onAdd(body);
    setBusy(false);
    if (ok) setBody("");
  };
  return (
    <section aria-labelledby={headingId} className="mt-4 rounded-xl border border-zinc-200/80 bg-zinc-50/60 px-3 py-3 dark:border-zinc-800 dark:bg-zinc-900/40">
      <h3 id={headingId} className="text-[13px] font-semibold text-zinc-800 dark:text-zinc-200">
        Notes <span className="font-normal text-zinc-500 dark:text-zinc-400">· only your team sees these</span>
      </h3>
      <ul aria-label="Notes" aria-live="polite" className="mt-2 space-y-3 empty:mt-0">
        {notes.map((n) => (
          <NoteItem key={`${n.id}:${n.editedAt ?? ""}`} note={n} onEdit={(b) => onEdit(n.id, b)} onDelete={() => onDelete(n.id)} />
        ))}
      </ul>
      <form onSubmit={submit} className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
        <textarea
          aria-label="Add a note"
          placeholder="Add a note… @name mentions someone"
          className={fieldClass}
          rows={1}
          maxLength={NOTE_MAX_CHARS}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit(e);
          }}
        />
        <button type="submit" className={buttonClass("primary", "sm", "shrink-0")} disabled={!body.trim() || busy}>
          Add note
        </button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-[13px] text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
