"use client";

import { useEffect, useRef } from "react";
import { acquireEventStream } from "@/hooks/event-stream";

/** The server's change notice (lib/realtime/hub.ts MailboxEvent); only what the client reads. */
interface ChangeEvent {
  type: "exists" | "expunge" | "flags" | "resync" | "unwatched";
  folder: string;
  uid?: number;
}

export interface LiveUpdateHandlers {
  /** Something in the folder changed: re-read the list and the counts. */
  onChange: () => void;
  /** A message left the folder; uid when the server said which (QRESYNC), otherwise undefined. */
  onExpunge?: (uid: number | undefined) => void;
}

// Several notices usually arrive together (a move is EXPUNGE + EXISTS elsewhere, a bulk flag is one
// FETCH per message): one refetch for the burst.
const DEBOUNCE_MS = 150;
// A refresh already in flight ignores a new call; a notice that lands during one gets a follow-up.
const FOLLOW_UP_MS = 800;
// While the server does not watch this folder live (too many watched folders on the account).
const POLL_MS = 30_000;

/**
 * Follows a folder's changes over Server-Sent Events while enabled. EventSource reconnects by itself
 * after a drop; the server then sends "resync" once it watches the folder again.
 */
export function useLiveUpdates(enabled: boolean, folder: string, handlers: LiveUpdateHandlers): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    // Shared with presence and the activity trail (hooks/event-stream.ts): one stream per folder.
    const stream = acquireEventStream(folder);
    if (!stream) return;
    const { source } = stream;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let lastFired = 0;

    const fire = () => {
      timer = undefined;
      lastFired = Date.now();
      handlersRef.current.onChange();
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      const sinceLast = Date.now() - lastFired;
      timer = setTimeout(fire, sinceLast < FOLLOW_UP_MS ? Math.max(DEBOUNCE_MS, FOLLOW_UP_MS - sinceLast) : DEBOUNCE_MS);
    };

    const onChange = (msg: MessageEvent<string>) => {
      let event: ChangeEvent;
      try {
        event = JSON.parse(msg.data) as ChangeEvent;
      } catch {
        return;
      }
      if (event.folder !== folder) return;
      if (event.type === "unwatched") {
        poll ??= setInterval(() => handlersRef.current.onChange(), POLL_MS);
        return;
      }
      if (poll) {
        clearInterval(poll);
        poll = undefined;
      }
      if (event.type === "expunge") handlersRef.current.onExpunge?.(event.uid);
      schedule();
    };
    source.addEventListener("change", onChange as EventListener);
    return () => {
      source.removeEventListener("change", onChange as EventListener);
      stream.release();
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
    };
  }, [enabled, folder]);
}
