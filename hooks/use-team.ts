"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MembersResponse, TeamCounts, TeamPerson, TeamRowsResponse, TeamViewsResponse } from "@/lib/shared/team-types";
import { apiFetch, isAbort } from "@/hooks/use-api";
import { followTeam, MENTIONS_SEEN_EVENT, TEAM_CHANGED_EVENT } from "@/hooks/team-events";
import { afterPaint } from "@/hooks/after-paint";

/*
 * Team work in the list and the folder list: who each row is assigned to, the mailbox's counts, the
 * "Assigned to me" / "Unassigned" views of every mailbox with assignments, and the Assign list.
 * Everything re-reads on the folder's "team" events (any browser's change) and on this tab's own.
 * The reads start after the frame that shows the list is painted: a switch is a click, and React runs
 * a click's effects inside its task, so starting them there delayed the new rows' frame (issue 13).
 */

const NONE: TeamCounts = { mine: 0, assigned: 0, mentions: 0 };

/** Re-runs `reload` (debounced) on team events of the folder and on this tab's changes. */
function useTeamChanges(folder: string, enabled: boolean, reload: () => void): void {
  const ref = useRef(reload);
  ref.current = reload;
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ref.current(), 80);
    };
    const release = followTeam(folder, later);
    window.addEventListener(TEAM_CHANGED_EVENT, later);
    return () => {
      if (timer) clearTimeout(timer);
      release();
      window.removeEventListener(TEAM_CHANGED_EVENT, later);
    };
  }, [folder, enabled]);
}

export interface TeamRows {
  byUid: ReadonlyMap<number, TeamPerson>;
  counts: TeamCounts;
}

// Mailboxes this tab has said the person works in (POST /api/team/members): once each, a bounded few.
const joined = new Set<string>();
const MAX_JOINED = 200;

function joinOnce(folder: string): void {
  if (joined.has(folder)) return;
  if (joined.size >= MAX_JOINED) joined.clear();
  joined.add(folder);
  apiFetch("/api/team/members", { method: "POST", json: { folder } }).catch(() => joined.delete(folder));
}

/** Assignees of the rows on screen, and the folder's counts; showing them, the tab says the person works here. */
export function useTeamRows(folder: string, uids: number[], enabled: boolean): TeamRows {
  const [state, setState] = useState<TeamRows>({ byUid: new Map(), counts: NONE });
  const [tick, setTick] = useState(0);
  const key = uids.join(",");
  useEffect(() => setState({ byUid: new Map(), counts: NONE }), [folder]);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const params = new URLSearchParams({ folder, uids: key.split(",").slice(0, 500).join(",") });
    afterPaint()
      .then(() => (controller.signal.aborted ? null : apiFetch<TeamRowsResponse>(`/api/team?${params}`, { signal: controller.signal })))
      .then((res) => {
        // An abort while the body was read yields no body (apiFetch), not an error: keep what is shown.
        if (controller.signal.aborted || !res?.assignments) return;
        setState({ byUid: new Map(res.assignments.map((a) => [a.uid, a.assignee])), counts: res.counts });
        joinOnce(folder);
      })
      .catch((err) => {
        if (!isAbort(err)) setState((s) => s); // keep what is shown; the next event retries
      });
    return () => controller.abort();
  }, [folder, key, enabled, tick]);
  useTeamChanges(folder, enabled, useCallback(() => setTick((t) => t + 1), []));
  return state;
}

/** The folder list's team views (every mailbox with assignments or mentions); re-read on changes in `folder`. */
export function useTeamViews(folder: string, enabled: boolean): TeamViewsResponse["mailboxes"] {
  const [mailboxes, setMailboxes] = useState<TeamViewsResponse["mailboxes"]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    afterPaint()
      .then(() => (controller.signal.aborted ? null : apiFetch<TeamViewsResponse>("/api/team/views", { signal: controller.signal })))
      .then((res) => {
        if (!controller.signal.aborted && Array.isArray(res?.mailboxes)) setMailboxes(res.mailboxes);
      })
      .catch(() => {});
    return () => controller.abort();
  }, [enabled, tick, folder]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useTeamChanges(folder, enabled, reload);
  useEffect(() => {
    window.addEventListener(MENTIONS_SEEN_EVENT, reload);
    return () => window.removeEventListener(MENTIONS_SEEN_EVENT, reload);
  }, [reload]);
  return mailboxes;
}

// The Assign list last read per folder, so the next message opened there knows it at once (bounded).
const knownMembers = new Map<string, TeamPerson[]>();
const MAX_KNOWN_MEMBERS = 50;

/**
 * The Assign list of a folder, read when first needed. `known`: it has been read (now or for an earlier
 * message of the folder); until then `members` is empty and says nothing about the mailbox.
 */
export function useTeamMembers(folder: string, enabled: boolean): { members: TeamPerson[]; loading: boolean; known: boolean } {
  const [state, setState] = useState<{ folder: string; members: TeamPerson[] | null }>(() => ({ folder, members: knownMembers.get(folder) ?? null }));
  const [loading, setLoading] = useState(false);
  // Another folder: what is known of it, not the last one's list (adjusting state while rendering).
  if (state.folder !== folder) setState({ folder, members: knownMembers.get(folder) ?? null });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setLoading(true);
    apiFetch<MembersResponse>(`/api/team/members?folder=${encodeURIComponent(folder)}`, { signal: controller.signal })
      .then((res) => {
        if (controller.signal.aborted || !Array.isArray(res?.members)) return;
        knownMembers.delete(folder);
        if (knownMembers.size >= MAX_KNOWN_MEMBERS) knownMembers.delete(knownMembers.keys().next().value!);
        knownMembers.set(folder, res.members);
        setState({ folder, members: res.members });
      })
      .catch(() => {})
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [folder, enabled]);
  const members = state.folder === folder ? state.members : (knownMembers.get(folder) ?? null);
  return useMemo(() => ({ members: members ?? [], loading, known: members !== null }), [members, loading]);
}

export { useTeamChanges };
