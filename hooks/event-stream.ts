"use client";

/*
 * One EventSource per folder, shared by every hook that listens to /api/events for it (live updates,
 * presence, the activity trail): a browser tab keeps a single stream open however many features
 * follow the folder. Reference-counted; the last release closes it.
 */

interface Shared {
  source: EventSource;
  refs: number;
}

const streams = new Map<string, Shared>();

export interface EventStreamHandle {
  source: EventSource;
  release: () => void;
}

/** `since`: resume point of the list on screen (MessagePage.token), used when this call opens the stream. */
export function acquireEventStream(folder: string, since?: string): EventStreamHandle | null {
  if (typeof EventSource === "undefined") return null;
  let shared = streams.get(folder);
  if (!shared || shared.source.readyState === EventSource.CLOSED) {
    const params = new URLSearchParams({ folder });
    if (since) params.set("since", since);
    shared = { source: new EventSource(`/api/events?${params.toString()}`), refs: 0 };
    streams.set(folder, shared);
  }
  const mine = shared;
  mine.refs++;
  let released = false;
  return {
    source: mine.source,
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
