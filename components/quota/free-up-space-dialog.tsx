"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import type { Folder } from "@/lib/shared/types";
import type { BigMessage, LargestResponse } from "@/lib/shared/quota";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { buttonClass, fieldClass } from "@/components/ui/button";
import { ArchiveIcon, PaperclipIcon, TrashIcon } from "@/components/ui/icons";
import { formatListDate, formatSize, labelForPath } from "@/components/mail/format";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

type Sort = "size" | "newest" | "oldest";
type View = "messages" | "attachments";

interface Row {
  key: string;
  message: BigMessage;
  /** Attachments view: the file; messages view: null. */
  file: { filename: string; size: number } | null;
}

const SORTS: Record<Sort, (a: Row, b: Row) => number> = {
  size: (a, b) => (b.file?.size ?? b.message.size) - (a.file?.size ?? a.message.size),
  newest: (a, b) => b.message.date.localeCompare(a.message.date),
  oldest: (a, b) => a.message.date.localeCompare(b.message.date),
};

/** The largest messages (or attachments) of the account, sortable, each with Archive and Delete. */
export function FreeUpSpaceDialog({ open, onClose, folders, onChanged }: { open: boolean; onClose: () => void; folders: Folder[]; onChanged: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Free up space" size="lg" description="The largest messages in your account. Delete moves a message to Trash; “Empty Trash” in the Trash folder gives the space back.">
      {open && <Body folders={folders} onClose={onClose} onChanged={onChanged} />}
    </Dialog>
  );
}

function Body({ folders, onClose, onChanged }: { folders: Folder[]; onClose: () => void; onChanged: () => void }) {
  useDatePrefs();
  const id = useId();
  const [data, setData] = useState<LargestResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>("size");
  const [view, setView] = useState<View>("messages");
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const archive = folders.find((f) => f.specialUse === "archive");
  const trash = folders.find((f) => f.specialUse === "trash");

  useEffect(() => {
    const ctl = new AbortController();
    apiFetch<LargestResponse>("/api/quota/largest?limit=50", { signal: ctl.signal })
      .then(setData)
      .catch((err) => {
        if (!ctl.signal.aborted) setError(errorMessage(err));
      });
    return () => ctl.abort();
  }, []);

  const rows = useMemo(() => {
    const list: Row[] = [];
    for (const m of data?.messages ?? []) {
      if (view === "messages") list.push({ key: `${m.folder}\n${m.uid}`, message: m, file: null });
      else m.attachments.forEach((a, i) => list.push({ key: `${m.folder}\n${m.uid}\n${i}`, message: m, file: a }));
    }
    return list.sort(SORTS[sort]);
  }, [data, view, sort]);

  const act = async (m: BigMessage, action: "archive" | "delete") => {
    const key = `${m.folder}\n${m.uid}`;
    setBusy(key);
    setStatus("");
    try {
      await apiFetch("/api/messages/actions", {
        method: "POST",
        json: action === "archive" ? { action: "move", folder: m.folder, uids: [m.uid], target: archive!.path } : { action: "delete", folder: m.folder, uids: [m.uid] },
      });
      setData((d) => (d ? { ...d, messages: d.messages.filter((x) => x !== m) } : d));
      setStatus(`${action === "archive" ? "Archived" : "Deleted"} “${m.subject || "(no subject)"}”.`);
      onChanged();
    } catch (err) {
      setStatus(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="mt-4">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Show" className="inline-flex rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-700">
          {(["messages", "attachments"] as View[]).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`min-h-9 rounded-md px-3 text-[13px] font-medium ${view === v ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
            >
              {v === "messages" ? "Messages" : "Attachments"}
            </button>
          ))}
        </div>
        <label htmlFor={`${id}-sort`} className="ml-auto text-[13px] text-zinc-600 dark:text-zinc-400">
          Sort by
        </label>
        <select id={`${id}-sort`} value={sort} onChange={(e) => setSort(e.target.value as Sort)} className={`${fieldClass} py-1.5`}>
          <option value="size">Size, largest first</option>
          <option value="newest">Date, newest first</option>
          <option value="oldest">Date, oldest first</option>
        </select>
      </div>

      {error ? (
        <p role="alert" className="mt-4 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : !data ? (
        <p role="status" className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
          Looking for large messages…
        </p>
      ) : rows.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
          No {view === "messages" ? "messages" : "attachments"} over {formatSize(data.minBytes)}.
        </p>
      ) : (
        <ul aria-label={view === "messages" ? "Largest messages" : "Largest attachments"} className="mt-3 divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((r) => {
            const m = r.message;
            const subject = m.subject || "(no subject)";
            const pending = busy === `${m.folder}\n${m.uid}`;
            return (
              <li key={r.key} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5">
                <div className="min-w-0 flex-1 basis-52">
                  <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
                    {r.file ? (
                      <>
                        <PaperclipIcon className="mr-1 inline size-3.5 align-[-2px]" />
                        {r.file.filename}
                      </>
                    ) : (
                      subject
                    )}
                  </p>
                  <p className="truncate text-[13px] text-zinc-600 dark:text-zinc-400">
                    {r.file ? `${subject} · ` : ""}
                    {m.from || "Unknown sender"} · {labelForPath(m.folder, folders)} · {formatListDate(m.date)}
                  </p>
                </div>
                <span className="shrink-0 text-sm tabular-nums text-zinc-700 dark:text-zinc-300">{formatSize(r.file?.size ?? m.size)}</span>
                <span className="flex shrink-0 gap-1">
                  {archive && m.folder !== archive.path && (
                    <button type="button" disabled={pending} onClick={() => void act(m, "archive")} aria-label={`Archive “${subject}”`} title="Archive" className={buttonClass("ghost", "sm", "min-h-11 sm:min-h-0")}>
                      <ArchiveIcon className="size-4" />
                    </button>
                  )}
                  {m.folder !== trash?.path && (
                    <button type="button" disabled={pending} onClick={() => void act(m, "delete")} aria-label={`Delete “${subject}”`} title="Delete" className={buttonClass("ghost", "sm", "min-h-11 sm:min-h-0")}>
                      <TrashIcon className="size-4" />
                    </button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {data?.truncated && <p className="mt-2 text-[13px] text-zinc-600 dark:text-zinc-400">Very full folders were sampled: the newest large messages of each are listed.</p>}
      <p role="status" className="mt-2 min-h-5 text-[13px] text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
      <DialogActions>
        <button type="button" className={buttonClass("secondary")} onClick={onClose}>
          Close
        </button>
      </DialogActions>
    </div>
  );
}
