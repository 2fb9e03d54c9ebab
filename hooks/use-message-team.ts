"use client";

import { useCallback, useEffect, useState } from "react";
import type { AssignmentView, MessageTeamResponse, NoteView } from "@/lib/shared/team-types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { announceTeamChange, MENTIONS_SEEN_EVENT } from "@/hooks/team-events";
import { useTeamChanges } from "@/hooks/use-team";

export interface MessageTeam {
  assignment: AssignmentView | null;
  notes: NoteView[];
  error: string | null;
  assign: (assignee: string | null) => Promise<boolean>;
  addNote: (body: string) => Promise<boolean>;
  editNote: (id: string, body: string) => Promise<boolean>;
  deleteNote: (id: string) => Promise<boolean>;
}

// First loads under way, by folder and UID: entries leave when they settle, so this stays small.
const firstLoads = new Map<string, Promise<MessageTeamResponse>>();

function sharedFirstLoad(folder: string, uid: number): Promise<MessageTeamResponse> {
  const key = `${folder}\u0000${uid}`;
  let p = firstLoads.get(key);
  if (!p) {
    // Not tied to one caller's signal: the callers ignore an answer they no longer want.
    p = apiFetch<MessageTeamResponse>(`/api/messages/${uid}/notes?folder=${encodeURIComponent(folder)}`).finally(() => firstLoads.delete(key));
    firstLoads.set(key, p);
  }
  return p;
}

/** The open message's assignment and notes, live, and the actions on them. */
export function useMessageTeam(folder: string, uid: number | null): MessageTeam {
  const [data, setData] = useState<MessageTeamResponse>({ assignment: null, notes: [] });
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    setData({ assignment: null, notes: [] });
    setError(null);
  }, [folder, uid]);

  useEffect(() => {
    if (uid === null) return;
    const controller = new AbortController();
    // The pane's assignment and its notes mount together: their first load is one request (a reload
    // after a change always asks again).
    const load = tick === 0 ? sharedFirstLoad(folder, uid) : apiFetch<MessageTeamResponse>(`/api/messages/${uid}/notes?folder=${encodeURIComponent(folder)}`, { signal: controller.signal });
    load
      .then((res) => {
        // An abort while the body was read yields no body (apiFetch), not an error: keep what is shown.
        if (controller.signal.aborted || !res || !Array.isArray(res.notes)) return;
        setData(res);
        // Shown a colleague's note that mentions this person: the mention is seen, the badge clears.
        if (res.notes.some((n) => n.mentionsMe && !n.author.self)) {
          apiFetch("/api/team/views", { method: "POST", json: { folder } })
            .then(() => window.dispatchEvent(new CustomEvent(MENTIONS_SEEN_EVENT)))
            .catch(() => {});
        }
      })
      .catch(() => {});
    return () => controller.abort();
  }, [folder, uid, tick]);

  useTeamChanges(folder, uid !== null, reload);

  const run = useCallback(
    async (url: string, method: string, json: unknown) => {
      try {
        await apiFetch(url, { method, json });
        setError(null);
        announceTeamChange(folder);
        reload();
        return true;
      } catch (err) {
        setError(errorMessage(err));
        return false;
      }
    },
    [folder, reload],
  );

  const notesUrl = `/api/messages/${uid}/notes`;
  return {
    ...data,
    error,
    assign: (assignee) => run(`/api/messages/${uid}/assign`, "POST", { folder, assignee }),
    addNote: (body) => run(notesUrl, "POST", { folder, body }),
    editNote: (id, body) => run(notesUrl, "PATCH", { folder, id, body }),
    deleteNote: (id) => run(notesUrl, "DELETE", { folder, id }),
  };
}
