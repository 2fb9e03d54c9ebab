"use client";

import { useEffect, useState } from "react";
import type { ActionRequest, ActionResponse } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { batches, type UidsResponse } from "@/lib/shared/bulk";
import { formatCount, plural } from "@/components/mail/format";
import type { Notify } from "@/hooks/use-message-actions";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";

type BulkAction = "read" | "unread" | "flag" | "archive" | "delete";

const VERB: Record<BulkAction, string> = { read: "Marking as read", unread: "Marking as unread", flag: "Flagging", archive: "Archiving", delete: "Deleting" };
const DONE: Record<BulkAction, string> = { read: "marked as read", unread: "marked as unread", flag: "flagged", archive: "archived", delete: "moved to Trash" };

/**
 * Runs one action over a whole folder: the UIDs from one server SEARCH (bounded), then the action in
 * batches of BULK_BATCH, each a normal actions request; `onProgress` after each batch.
 */
export async function runBulk(
  folder: string,
  action: BulkAction,
  archive: string | null,
  onProgress: (done: number, total: number) => void,
  call: (b: ActionRequest) => Promise<ActionResponse> = (b) => apiFetch<ActionResponse>("/api/messages/actions", { method: "POST", json: b }),
  fetchUids: (url: string) => Promise<UidsResponse> = (url) => apiFetch<UidsResponse>(url),
): Promise<{ done: number; capped: boolean }> {
  const { uids, capped } = await fetchUids(`/api/messages/uids?folder=${encodeURIComponent(folder)}${action === "read" ? "&unseen=1" : ""}`);
  let done = 0;
  onProgress(0, uids.length);
  for (const batch of batches(uids)) {
    if (action === "archive") await call({ folder, uids: batch, action: "move", target: archive ?? "" });
    else await call({ folder, uids: batch, action });
    done += batch.length;
    onProgress(done, uids.length);
  }
  return { done, capped };
}

interface FolderBulkOptions {
  folder: string;
  archivePath: string | null;
  inTrash: boolean;
  /** Every loaded row is checked (leaving that state drops "all in this folder"). */
  allLoadedChecked: boolean;
  notify: Notify;
  /** After a bulk action: reload the list and the folder counts, clear the selection. */
  onDone: () => void;
}

/**
 * The state of the folder-wide actions, shared by the line above the list (BulkBar) and, on phones, the
 * toolbar's line (FolderWideLinks): one run at a time, one "all in this folder" choice, one Empty Trash question.
 */
export function useFolderBulk({ folder, archivePath, inTrash, allLoadedChecked, notify, onDone }: FolderBulkOptions) {
  const [allInFolder, setAllInFolder] = useState(false);
  const [progress, setProgress] = useState<{ action: BulkAction; done: number; total: number } | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);

  useEffect(() => setAllInFolder(false), [folder]);
  useEffect(() => {
    if (!allLoadedChecked) setAllInFolder(false);
  }, [allLoadedChecked]);

  const run = async (action: BulkAction) => {
    if (progress) return;
    setProgress({ action, done: 0, total: 0 });
    try {
      const res = await runBulk(folder, action, archivePath, (done, n) => setProgress({ action, done, total: n }));
      notify(
        res.done === 0
          ? "Nothing to change in this folder"
          : `${plural(res.done, "message")} ${action === "delete" && inTrash ? "deleted permanently" : DONE[action]}${res.capped ? " (the newest only: the folder is larger than Mailroom acts on at once)" : ""}`,
      );
    } catch (err) {
      notify(errorMessage(err), "error");
    } finally {
      setProgress(null);
      setAllInFolder(false);
      onDone();
    }
  };
  return { folder, archivePath, allInFolder, setAllInFolder, progress, run, confirmEmpty, setConfirmEmpty };
}

export type FolderBulk = ReturnType<typeof useFolderBulk>;

interface FolderWideProps {
  bulk: FolderBulk;
  /** Messages in the folder (the server's count). */
  total: number;
  unread: number;
  inTrash: boolean;
  checkedCount: number;
  /** Clears the selection (nothing else). */
  onClear: () => void;
}

const link = "rounded px-1 font-medium text-accent-700 underline-offset-2 hover:underline disabled:opacity-50 dark:text-accent-300";
const dangerLink = "rounded px-1 font-medium text-red-700 underline-offset-2 hover:underline disabled:opacity-50 dark:text-red-300";

/** Whether FolderWideLinks has anything to offer (and so needs its line). */
export function hasFolderWideLinks({ total, unread, inTrash }: Pick<FolderWideProps, "total" | "unread" | "inTrash">): boolean {
  return unread > 0 || (inTrash && total > 0);
}

/**
 * Whether BulkBar's line (768 px and wider) offers "Clear selection" for the ticked rows, mirroring its
 * branches below; where it does not (nothing unread, a run in progress, "Select all N"), the toolbar does.
 */
export function bulkBarClears(p: Pick<BulkBarProps, "bulk" | "total" | "loaded" | "allLoadedChecked" | "unread" | "inTrash" | "checkedCount">): boolean {
  if (p.bulk.progress) return false;
  if (p.bulk.allInFolder) return true;
  if (p.allLoadedChecked && p.total > p.loaded) return false;
  return hasFolderWideLinks(p) && p.checkedCount > 0;
}

/**
 * "Mark all as read" and (in Trash) "Empty Trash"; while messages are checked, "Clear selection" in
 * their place, so that the line keeps its height and the rows below do not move under the pointer.
 */
export function FolderWideLinks({ bulk, total, unread, inTrash, checkedCount, onClear }: FolderWideProps) {
  if (!hasFolderWideLinks({ total, unread, inTrash })) return null;
  if (checkedCount > 0) {
    return (
      <button type="button" className={link} onClick={onClear}>
        Clear selection
      </button>
    );
  }
  return (
    <>
      {unread > 0 && (
        <button type="button" className={link} onClick={() => void bulk.run("read")}>
          Mark all as read
        </button>
      )}
      {inTrash && total > 0 && (
        <button type="button" className={dangerLink} onClick={() => bulk.setConfirmEmpty(true)}>
          Empty Trash
        </button>
      )}
    </>
  );
}

interface BulkBarProps extends FolderWideProps {
  loaded: number;
  allLoadedChecked: boolean;
}

/**
 * Above the list: a folder-wide run's progress, "Select all N in this folder" beyond the loaded page and
 * the actions on all of them, and (from 768 px; phones show them in the toolbar's line) FolderWideLinks.
 */
export function BulkBar(props: BulkBarProps) {
  const { bulk, total, loaded, allLoadedChecked, inTrash } = props;
  const { progress, allInFolder, setAllInFolder, run } = bulk;
  const emptyQuestion = (
    <Dialog
      open={bulk.confirmEmpty}
      onClose={() => bulk.setConfirmEmpty(false)}
      title="Empty Trash?"
      description={`${total === 1 ? "The message" : `All ${formatCount(total)} messages`} in Trash will be deleted permanently. This can’t be undone.`}
    >
      <DialogActions>
        <button type="button" autoFocus className={buttonClass("secondary")} onClick={() => bulk.setConfirmEmpty(false)}>
          Cancel
        </button>
        <button
          type="button"
          className={buttonClass("danger")}
          onClick={() => {
            bulk.setConfirmEmpty(false);
            void run("delete");
          }}
        >
          Empty Trash
        </button>
      </DialogActions>
    </Dialog>
  );

  if (progress) {
    const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
    return (
      <div className="flex items-center gap-3 border-b border-zinc-200/80 bg-accent-50 px-4 py-2 text-[13px] text-zinc-800 dark:border-zinc-800 dark:bg-accent-500/10 dark:text-zinc-200">
        <span className="shrink-0">
          {VERB[progress.action]}… {formatCount(progress.done)} of {formatCount(progress.total)}
        </span>
        <span
          role="progressbar"
          aria-label={`${VERB[progress.action]} messages in this folder`}
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
          className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <span className="block h-full rounded-full bg-accent-600 transition-[width] dark:bg-accent-400" style={{ width: `${pct}%` }} />
        </span>
      </div>
    );
  }

  if (allInFolder) {
    return (
      <div role="region" aria-label="Whole folder selection" className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-zinc-200/80 bg-accent-50 px-4 py-2 text-[13px] text-zinc-800 dark:border-zinc-800 dark:bg-accent-500/10 dark:text-zinc-200">
        <span>All {formatCount(total)} messages in this folder are selected.</span>
        <button type="button" className={link} onClick={() => void run("read")}>Mark all read</button>
        <button type="button" className={link} onClick={() => void run("unread")}>Mark all unread</button>
        <button type="button" className={link} onClick={() => void run("flag")}>Flag all</button>
        {bulk.archivePath && bulk.archivePath !== bulk.folder && (
          <button type="button" className={link} onClick={() => void run("archive")}>Archive all</button>
        )}
        {!inTrash && (
          <button type="button" className={link} onClick={() => void run("delete")}>Delete all</button>
        )}
        <button type="button" className={link} onClick={() => setAllInFolder(false)}>Clear selection</button>
      </div>
    );
  }

  if (allLoadedChecked && total > loaded) {
    return (
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-zinc-200/80 bg-zinc-50 px-4 py-2 text-[13px] text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-300">
        <span>All {formatCount(loaded)} loaded messages are selected.</span>
        <button type="button" className={link} onClick={() => setAllInFolder(true)}>
          Select all {formatCount(total)} in this folder
        </button>
      </div>
    );
  }

  if (!hasFolderWideLinks(props)) return null;
  return (
    <>
      <div className="hidden items-center justify-end gap-3 border-b border-zinc-200/80 px-4 py-1 text-[12px] text-zinc-600 md:flex dark:border-zinc-800 dark:text-zinc-400">
        <FolderWideLinks {...props} />
      </div>
      {emptyQuestion}
    </>
  );
}
