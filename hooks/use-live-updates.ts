"use client";

import { useEffect, useRef } from "react";
import { acquireEventStream } from "@/hooks/event-stream";
import { listCovers } from "@/lib/shared/resume-cover";

/** The server's change notice (lib/realtime/hub.ts MailboxEvent); only what the client reads. */
interface ChangeEvent {
  type: "exists" | "expunge" | "vanished" | "flags" | "new" | "synced" | "resync" | "unwatched";
  folder: string;
  uid?: number;
  uids?: number[];
  flags?: string[];
  catchup?: boolean;
  reason?: string;
  token?: string;
}

export interface LiveUpdateHandlers {
  /** Resume point of the list on screen (MessagePage.token): the stream starts with what changed since. */
  since?: string;
  /** Something changed that only a re-read shows (new mail, a reload): re-read the list and the counts. */
  onChange: () => void;
  /** Only folder counts may have changed (a flag or a removal was applied in place). */
  onCounts?: () => void;
  /** A message's flags are now `flags`; returns false when that row is not loaded (the list is re-read then). */
  onFlags?: (uid: number, flags: string[]) => boolean;
  /** These messages left the folder. */
  onVanished?: (uids: number[]) => void;
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
// A stream's "initial" resync waits this long for the list's own token before re-reading anyway.
const COVER_WAIT_MS = 5_000;

/** Counters on <html data-live-*> so tests (and a curious person) can see how the view kept up. */
function bump(key: "liveEvents" | "liveCatchups" | "liveResyncs" | "liveSynced" | "liveResyncsSkipped"): void {
  const d = document.documentElement.dataset;
  d[key] = String(Number(d[key] ?? 0) + 1);
}

/**
 * Follows a folder's changes over Server-Sent Events while enabled. Flag changes and removals are
 * applied to the list in place; new mail and reloads re-read it. EventSource reconnects by itself
 * after a drop (a sleeping laptop, a restarted server) and sends the id of the last event it saw, so
 * the server answers with only what changed meanwhile (CONDSTORE/QRESYNC).
 */
export function useLiveUpdates(enabled: boolean, folder: string, handlers: LiveUpdateHandlers): void {
  const handlersRef = useRef(handlers);
  // The stream's first state, held while the new folder's list is still loading (see "synced" below).
  const pendingCover = useRef<{ folder: string; token: string; decide: (since: string) => void } | null>(null);
  useEffect(() => {
    handlersRef.current = handlers;
    const p = pendingCover.current;
    if (p && p.folder === folder && handlers.since) p.decide(handlers.since);
  });

  useEffect(() => {
    if (!enabled) return;
    // Shared with presence and the activity trail (hooks/event-stream.ts): one stream per folder. The
    // list's resume point counts only if this hook opens the stream; otherwise the server says "resync".
    const stream = acquireEventStream(folder, handlersRef.current.since);
    if (!stream) return;
    const { source } = stream;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let lastFired = 0;
    let needList = false;
    // "resync: initial" (no resume point) is decided at the following "synced": skipped when the list covers it.
    let awaitingSynced = false;
    let coverTimer: ReturnType<typeof setTimeout> | undefined;

    const fire = () => {
      timer = undefined;
      lastFired = Date.now();
      const h = handlersRef.current;
      if (needList || !h.onCounts) h.onChange();
      else h.onCounts();
      needList = false;
    };
    const schedule = (list: boolean) => {
      needList ||= list;
      if (timer) clearTimeout(timer);
      const sinceLast = Date.now() - lastFired;
      timer = setTimeout(fire, sinceLast < FOLLOW_UP_MS ? Math.max(DEBOUNCE_MS, FOLLOW_UP_MS - sinceLast) : DEBOUNCE_MS);
    };
    const removed = (uids: number[]) => {
      const h = handlersRef.current;
      if (!h.onVanished) return schedule(true);
      h.onVanished(uids);
      for (const uid of uids) h.onExpunge?.(uid);
      schedule(false);
    };

    const onChange = (msg: MessageEvent<string>) => {
      let event: ChangeEvent;
      try {
        event = JSON.parse(msg.data) as ChangeEvent;
      } catch {
        return;
      }
      if (event.folder !== folder) return;
      bump("liveEvents");
      if (event.catchup) bump("liveCatchups");
      if (event.type === "unwatched") {
        poll ??= setInterval(() => handlersRef.current.onChange(), POLL_MS);
        return;
      }
      if (poll) {
        clearInterval(poll);
        poll = undefined;
      }
      const h = handlersRef.current;
      switch (event.type) {
        case "synced":
          bump("liveSynced");
          if (awaitingSynced) {
            awaitingSynced = false;
            const token = event.token;
            if (!token) return schedule(true);
            const decide = (since: string) => {
              pendingCover.current = null;
              if (coverTimer) clearTimeout(coverTimer);
              if (listCovers(since, token)) bump("liveResyncsSkipped");
              else schedule(true);
            };
            if (h.since) return decide(h.since);
            // The list is still on its way: its token decides (effect above), or after a while a re-read.
            pendingCover.current = { folder, token, decide };
            coverTimer = setTimeout(() => {
              pendingCover.current = null;
              schedule(true);
            }, COVER_WAIT_MS);
          }
          return;
        case "flags":
          if (event.uid !== undefined && event.flags && h.onFlags) schedule(!h.onFlags(event.uid, event.flags));
          else schedule(true);
          return;
        case "vanished":
          removed(event.uids ?? []);
          return;
        case "expunge":
          if (event.uid !== undefined) return removed([event.uid]);
          h.onExpunge?.(undefined);
          return schedule(true);
        case "resync":
          bump("liveResyncs");
          document.documentElement.dataset.liveLastResync = event.reason ?? "";
          if (event.reason === "initial") {
            awaitingSynced = true;
            return;
          }
          return schedule(true);
        default:
          return schedule(true);
      }
    };
    source.addEventListener("change", onChange as EventListener);
    // Presence may have opened the shared stream first: what it already carried is replayed in order
    // (flags and removals are idempotent), or, if too much went by, the list is re-read.
    if (stream.backlog === "overflow") schedule(true);
    else for (const e of stream.backlog) onChange(e);
    return () => {
      source.removeEventListener("change", onChange as EventListener);
      stream.release();
      if (timer) clearTimeout(timer);
      if (coverTimer) clearTimeout(coverTimer);
      if (pendingCover.current?.folder === folder) pendingCover.current = null;
      if (poll) clearInterval(poll);
    };
  }, [enabled, folder]);
}
