"use client";

import { Dialog, DialogActions } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";
import { formatCount } from "@/components/mail/format";

/** "Delete permanently?" for messages already in Trash. Cancel is focused first. */
export function DeleteConfirmDialog({ uids, onCancel, onConfirm }: { uids: number[] | null; onCancel: () => void; onConfirm: (uids: number[]) => void }) {
  return (
    <Dialog
      open={uids !== null}
      onClose={onCancel}
      title="Delete permanently?"
      description={
        uids && (
          <>
            {uids.length === 1 ? "This message" : `These ${formatCount(uids.length)} messages`} will be deleted permanently. This can’t be
            undone.
          </>
        )
      }
    >
      <DialogActions>
        <button type="button" autoFocus className={buttonClass("secondary")} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={buttonClass("danger")} onClick={() => onConfirm(uids ?? [])}>
          Delete permanently
        </button>
      </DialogActions>
    </Dialog>
  );
}
