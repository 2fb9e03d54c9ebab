"use client";

/*
 * One EventSource per folder, shared by every hook that listens to /api/events for it (live updates,
 * presence, the activity trail): a browser tab keeps a single stream open however many features
 * follow the folder. Reference-counted; the last release closes it.
 */

interface Shared {
  source: EventSource;
  refs: number;
  /** Mail change events seen so far, so a hook that attaches late (after presence opened the stream) misses none. */
  changes: MessageEvent<string>[];
  /** More than BACKLOG changes went by: a late hook must reload instead of replaying. */
  overflowed: boolean;
}

const BACKLOG = 200;

/** Window event when the server closed a live stream for good; detail: { folder, code, message } (words for a person). */
export const LIVE_CLOSED_EVENT = "mailroom:live-closed";

const streams = new Map<string, Shared>();

export interface EventStreamHandle {
  source: EventSource;
  /** "change" events that arrived before this acquire (replay them, in order), or "overflow". */
  backlog: MessageEvent<string>[] | "overflow";
  release: () => void;
}

/*
 * The list's resume point, offered as soon as the list has rows (issue 13: the first page comes with the
 * page, before any stream opens). Whichever hook opens the folder's stream first (presence often does)
 * then resumes from it, instead of a "resync" that re-reads the list and folders just shown.
 */
let offered: { folder: string; since: string } | null = null;

export function offerResumePoint(folder: string, since: string | undefined): void {
  offered = since ? { folder, since } : null;
}

/** `since`: resume point of the list on screen (MessagePage.token), used when this call opens the stream. */
export function acquireEventStream(folder: string, since?: string): EventStreamHandle | null {
  if (typeof EventSource === "undefined") return null;
  let shared = streams.get(folder);
  if (!shared || shared.source.readyState === EventSource.CLOSED) {
    const params = new URLSearchParams({ folder });
    const resume = since ?? (offered?.folder === folder ? offered.since : undefined);
    if (resume) params.set("since", resume);
    const created: Shared = { source: new EventSource(`/api/events?${params.toString()}`), refs: 0, changes: [], overflowed: false };
    created.source.addEventListener("change", ((e: MessageEvent<string>) => {
      created.changes.push(e);
      if (created.changes.length > BACKLOG) {
        created.changes.shift();
        created.overflowed = true;
      }
    }) as EventListener);
    // The server ended this stream on purpose (lib/realtime/stream-limits.ts: too many open for this
    // sign-in) and says why: stop here, or EventSource would reconnect and push out another tab's stream.
    created.source.addEventListener("closed", ((e: MessageEvent<string>) => {
      created.source.close();
      let notice: { code?: string; message?: string } = {};
      try {
        notice = JSON.parse(e.data) as typeof notice;
      } catch {
        // keep the defaults
      }
      document.documentElement.dataset.liveClosed = notice.code ?? "CLOSED";
      window.dispatchEvent(new CustomEvent(LIVE_CLOSED_EVENT, { detail: { folder, code: notice.code, message: notice.message } }));
    }) as EventListener);
    shared = created;
    streams.set(folder, shared);
  }
  const mine = shared;
  mine.refs++;
  let released = false;
  return {
    source: mine.source,
    backlog: mine.overflowed ? "overflow" : [...mine.changes],
    release: () => {
      if (released) return;
      released = true;
      mine.refs--;
      if (mine.refs > 0) return;
      mine.source.close();
      if (streams.get(folder) === mine) streams.delete(folder);
    },
  };
}
