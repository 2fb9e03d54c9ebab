"use client";

import { Dialog, DialogActions } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";

/**
 * The collision guard's question before a reply goes out: "Dana replied to this message 2 minutes ago.
 * Send anyway?" Cancel is the default (focused) answer; Escape and the backdrop cancel too.
 * `message` comes from checkReplyCollision (hooks/reply-collision.ts); null keeps the dialog closed.
 * `question`: "Reply anyway?" when the only reason is that the message is assigned to someone else.
 */
export function CollisionDialog({ message, question = "Send anyway?", onSend, onCancel }: { message: string | null; question?: string; onSend: () => void; onCancel: () => void }) {
  return (
    <Dialog open={message !== null} onClose={onCancel} role="alertdialog" title="Someone else is on this reply" description={message ? <>{message} {question}</> : null}>
      <DialogActions>
        <button type="button" autoFocus className={buttonClass("secondary")} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={buttonClass("primary")} onClick={onSend}>
          Send anyway
        </button>
      </DialogActions>
    </Dialog>
  );
}
