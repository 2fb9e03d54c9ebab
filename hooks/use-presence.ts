"use client";

import { useEffect, useMemo, useState } from "react";
import type { PresenceActivity, PresencePerson, PresenceResponse } from "@/lib/shared/collab-types";
import { applySnapshot, folderView, retainFolder, subscribeFolder, type FolderPresenceView } from "@/hooks/presence-store";

/*
 * Presence in a shared mailbox.
 *
 *   const others = usePresence({ folder, uid, activity: "viewing" });   // the reading pane
 *   const others = usePresence({ folder, uid, activity: "replying" });  // a reply composer, while open
 *
 * While mounted with a uid and an activity, the hook tells the server every ~10 s that this person is
 * on that message (POST /api/presence), and says it left when the uid or activity changes, on unmount
 * and when the tab closes. Each call is its own presence entry, so a composer and the reading pane of
 * one tab can both use it: others see the person once, "replying" winning over "viewing". It returns
 * the OTHER people on that message (never this session), live from the folder's event stream.
 * Pass activity null (or uid null) to be on no message but still receive others' presence.
 */

export interface UsePresenceOptions {
  folder: string;
  uid: number | null;
  activity: PresenceActivity | null;
  /** false turns the hook off entirely (no heartbeat, no stream). Default true. */
  enabled?: boolean;
}

const DEFAULT_HEARTBEAT_MS = 10_000;

/** Dispatched on window after the person changed their display name: heartbeats go out at once. */
export const NAME_CHANGED_EVENT = "mailroom:display-name-changed";

function newClientId(): string {
  const c = globalThis.crypto;
  if (c && "randomUUID" in c) return c.randomUUID().replace(/-/g, "");
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

async function postPresence(body: { folder: string; uid: number; activity: PresenceActivity | null; client: string }, keepalive = false): Promise<PresenceResponse | null> {
  try {
    const res = await fetch("/api/presence", {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      keepalive,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) return null;
    return (await res.json()) as PresenceResponse;
  } catch {
    // Presence is a courtesy: a missed heartbeat is covered by the next one.
    return null;
  }
}

/** Everyone else in the folder, per message: for the message list's markers. */
export function useFolderPresence(folder: string, enabled = true): FolderPresenceView {
  const [view, setView] = useState<FolderPresenceView>(() => folderView(folder));
  useEffect(() => {
    if (!enabled) return;
    const release = retainFolder(folder);
    const update = () => setView(folderView(folder));
    const unsubscribe = subscribeFolder(folder, update);
    update();
    return () => {
      unsubscribe();
      release();
    };
  }, [folder, enabled]);
  return view;
}

const NOBODY: PresencePerson[] = [];

/** Announces this person on a message and returns the others on it. See the comment above. */
export function usePresence({ folder, uid, activity, enabled = true }: UsePresenceOptions): PresencePerson[] {
  const view = useFolderPresence(folder, enabled);
  const client = useMemo(newClientId, []);

  useEffect(() => {
    if (!enabled || uid === null || activity === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const body = { folder, uid, activity, client };
    let loop = 0;
    // Each call starts a new loop; an older one still awaiting its answer then stops.
    const beat = async () => {
      const mine = ++loop;
      const res = await postPresence(body);
      if (stopped || mine !== loop) return;
      if (res) applySnapshot(res);
      timer = setTimeout(() => void beat(), res?.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    };
    void beat();
    const leave = () => void postPresence({ ...body, activity: null }, true);
    const renamed = () => {
      if (timer) clearTimeout(timer);
      void beat();
    };
    window.addEventListener("pagehide", leave);
    window.addEventListener(NAME_CHANGED_EVENT, renamed);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      window.removeEventListener("pagehide", leave);
      window.removeEventListener(NAME_CHANGED_EVENT, renamed);
      leave();
    };
  }, [enabled, folder, uid, activity, client]);

  return uid === null ? NOBODY : (view.byUid.get(uid) ?? NOBODY);
}
