"use client";

import { useCallback, useEffect, useState } from "react";
import type { ActivityEntry, ActivityResponse } from "@/lib/shared/collab-types";
import { apiFetch, isAbort } from "@/hooks/use-api";
import { retainFolder, subscribeActivity } from "@/hooks/presence-store";

export interface ActivityState {
  entries: ActivityEntry[];
  loading: boolean;
  error: boolean;
  reload: () => void;
}

/** A message's activity trail; re-read when anyone acts on the message (the folder's event stream). */
export function useActivity(folder: string, uid: number | null): ActivityState {
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState(false);
  const [key, setKey] = useState(0);
  const reload = useCallback(() => setKey((k) => k + 1), []);

  useEffect(() => {
    setEntries([]);
    setError(false);
  }, [folder, uid]);

  useEffect(() => {
    if (uid === null) return;
    const controller = new AbortController();
    setLoading(true);
    apiFetch<ActivityResponse>(`/api/messages/${uid}/activity?folder=${encodeURIComponent(folder)}`, { signal: controller.signal })
      .then((res) => {
        setEntries(res.entries);
        setError(false);
      })
      .catch((err) => {
        if (!isAbort(err) && !controller.signal.aborted) setError(true);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [folder, uid, key]);

  useEffect(() => {
    if (uid === null) return;
    const release = retainFolder(folder);
    const unsubscribe = subscribeActivity(folder, (n) => {
      if (n.uids.includes(uid)) reload();
    });
    return () => {
      unsubscribe();
      release();
    };
  }, [folder, uid, reload]);

  return { entries, loading, error, reload };
}
