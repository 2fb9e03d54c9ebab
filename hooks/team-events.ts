"use client";

import type { TeamNotice } from "@/lib/shared/team-types";
import { acquireEventStream } from "@/hooks/event-stream";

/**
 * Calls fn for every "team" event (an assignment or a note changed) of the folder's event stream,
 * sharing the stream every other live feature of the folder uses. Returns the release function.
 */
export function followTeam(folder: string, fn: (n: TeamNotice) => void): () => void {
  const stream = acquireEventStream(folder);
  if (!stream) return () => {};
  const onTeam = (e: Event) => {
    try {
      const n = JSON.parse((e as MessageEvent<string>).data) as TeamNotice;
      if (n.folder === folder) fn(n);
    } catch {
      // a malformed event is dropped; the next one re-reads everything anyway
    }
  };
  stream.source.addEventListener("team", onTeam);
  return () => {
    stream.source.removeEventListener("team", onTeam);
    stream.release();
  };
}

/** Window event after this tab read notes that mention the person: the views re-read their badge. */
export const MENTIONS_SEEN_EVENT = "mailroom:mentions-seen";

/** Window event after this tab changed an assignment or a note: the views and rows re-read at once. */
export const TEAM_CHANGED_EVENT = "mailroom:team-changed";

export function announceTeamChange(folder: string): void {
  window.dispatchEvent(new CustomEvent(TEAM_CHANGED_EVENT, { detail: { folder } }));
}
