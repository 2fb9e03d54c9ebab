"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionRequest, ActionResponse } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import type { UndoableMove } from "@/hooks/use-message-actions";
import type { Notify } from "@/hooks/use-message-actions";
import { CloseIcon } from "@/components/ui/icons";

/** How long Undo is offered after a move, archive, spam or delete. */
export const UNDO_MS = 10_000;

const call = (body: ActionRequest) => apiFetch<ActionResponse>("/api/messages/actions", { method: "POST", json: body });

/**
 * Puts moved messages back: MOVE from where they went, by the UIDs the server gave them there
 * (COPYUID), then the flags they had before (opening a message on the way may have marked it read).
 * Returns how many came back.
 */
export async function restoreMove(u: UndoableMove, callAction: (b: ActionRequest) => Promise<ActionResponse> = call): Promise<number> {
  const res = await callAction({ folder: u.to, uids: u.moved.map(([, now]) => now), action: "move", target: u.from });
  const back = new Map((res.moved ?? []).map(([there, home]) => [there, home]));
  // old UID in `from` -> UID in `to` -> new UID back in `from`
  const homeOf = new Map(u.moved.map(([old, there]) => [old, back.get(there)]));
  const groups: Record<"read" | "unread" | "flag" | "unflag", number[]> = { read: [], unread: [], flag: [], unflag: [] };
  for (const f of u.flags) {
    const home = homeOf.get(f.uid);
    if (!home) continue;
    groups[f.seen ? "read" : "unread"].push(home);
    groups[f.flagged ? "flag" : "unflag"].push(home);
  }
  for (const action of ["read", "unread", "flag", "unflag"] as const) {
    if (groups[action].length) await callAction({ folder: u.from, uids: groups[action], action });
  }
  return back.size || u.moved.length;
}

/** An undo that is not a move back (a discarded draft): `run` restores and returns the words to say. */
export interface UndoableOther {
  text: string;
  run: () => Promise<string>;
}

export interface UndoState {
  pending: ({ id: number; text: string } & ({ move: UndoableMove } | { other: UndoableOther })) | null;
  busy: boolean;
  /** Offer Undo for this move (replaces an older offer). */
  offer: (u: UndoableMove) => boolean;
  /** Offer Undo for something else (a discarded draft). */
  offerOther: (u: UndoableOther) => boolean;
  undo: () => Promise<void>;
  close: () => void;
}

/** One Undo at a time, for UNDO_MS; afterwards the move stands. */
export function useUndo({ notify, dismissToast, onRestored }: { notify: Notify; dismissToast: () => void; onRestored: (folder: string) => void }): UndoState {
  const [pending, setPending] = useState<UndoState["pending"]>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const nextId = useRef(1);

  const close = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setPending(null);
  }, []);

  const show = useCallback(
    (p: NonNullable<UndoState["pending"]>) => {
      dismissToast();
      if (timer.current) clearTimeout(timer.current);
      setPending(p);
      timer.current = setTimeout(() => setPending(null), UNDO_MS);
      return true;
    },
    [dismissToast],
  );
  const offer = useCallback((u: UndoableMove) => show({ id: nextId.current++, text: u.text, move: u }), [show]);
  const offerOther = useCallback((u: UndoableOther) => show({ id: nextId.current++, text: u.text, other: u }), [show]);

  const undo = useCallback(async () => {
    if (!pending || busy) return;
    if (timer.current) clearTimeout(timer.current);
    setBusy(true);
    try {
      setPending(null);
      if ("move" in pending) {
        const n = await restoreMove(pending.move);
        notify(n === 1 ? "Message restored" : `${n} messages restored`);
        onRestored(pending.move.from);
      } else notify(await pending.other.run());
    } catch (err) {
      setPending(null);
      notify(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }, [pending, busy, notify, onRestored]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { pending, busy, offer, offerOther, undo, close };
}

/** The toast with Undo; a live region so the move is announced, and Undo is one Tab away. */
export function UndoToast({ state }: { state: UndoState }) {
  const { pending } = state;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-20 z-40 flex justify-center px-4 md:bottom-4">
      {/* A live region without role="status": the app's StatusToast is the page's one status. */}
      <div aria-live="polite" aria-atomic="true">
        {pending && (
          <div
            key={pending.id}
            data-undo-toast=""
            className="pointer-events-auto flex max-w-md items-center gap-3 rounded-xl bg-zinc-900 px-4 py-2 text-sm text-white shadow-lg ring-1 ring-zinc-900/10 dark:bg-zinc-100 dark:text-zinc-900 dark:ring-white/10"
          >
            <span>{pending.text}</span>
            <button
              type="button"
              onClick={() => void state.undo()}
              disabled={state.busy}
              className="min-h-9 rounded-md px-2 font-semibold text-accent-300 underline-offset-2 hover:underline disabled:opacity-60 dark:text-accent-700"
            >
              Undo
            </button>
            <button type="button" onClick={state.close} aria-label="Dismiss notification" className="-mr-1 rounded-md p-1 opacity-70 hover:opacity-100">
              <CloseIcon className="size-3.5" />
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
