"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SyncStatus } from "@/lib/shared/types";
import { apiFetch, ApiError, errorMessage } from "@/hooks/use-api";

// Fast enough for a progress bar to feel live; slow enough not to matter to the server.
const RUNNING_POLL_MS = 700;
// Picks up checks the server starts on its own schedule.
const IDLE_POLL_MS = 5000;
// The first messages are readable before a long run ends; show them every few seconds, not per message.
const REFRESH_WHILE_RUNNING_MS = 3000;

export interface SyncChange {
  status: SyncStatus;
  /** True when a run has just ended (successfully or not). */
  finished: boolean;
}

export interface SyncState {
  status: SyncStatus | null;
  /** POST /api/sync itself failed (the server could not start a check). */
  startError: string | null;
  starting: boolean;
  start: () => Promise<void>;
}

/**
 * Sync status of a POP3 account: starts checks, polls while one runs (and slowly while idle, so scheduled
 * checks show up), and calls onChange when new mail may be in the cache.
 */
export function useSync(enabled: boolean, initial: SyncStatus | null, onChange: (change: SyncChange) => void): SyncState {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const prev = useRef<SyncStatus | null>(null);
  const lastRefresh = useRef({ at: 0, done: 0 });
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  const apply = useCallback((next: SyncStatus) => {
    const before = prev.current;
    prev.current = next;
    setStatus(next);
    if (!before) return;
    const now = Date.now();
    if (before.state === "running" && next.state !== "running") {
      lastRefresh.current = { at: now, done: 0 };
      onChangeRef.current({ status: next, finished: true });
    } else if (next.state === "running") {
      // A new run restarts its counter; its first messages show as soon as they are in.
      if (before.state !== "running" || next.done < before.done) lastRefresh.current = { at: 0, done: 0 };
      const r = lastRefresh.current;
      if (next.done > r.done && now - r.at >= REFRESH_WHILE_RUNNING_MS) {
        lastRefresh.current = { at: now, done: next.done };
        onChangeRef.current({ status: next, finished: false });
      }
    } else if (next.finishedAt !== before.finishedAt) {
      // A short scheduled run started and ended between two idle polls.
      onChangeRef.current({ status: next, finished: true });
    }
  }, []);

  useEffect(() => {
    if (enabled && initial && !prev.current) apply(initial);
  }, [enabled, initial, apply]);

  const running = status?.state === "running";

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await apiFetch<SyncStatus>("/api/sync");
        if (!cancelled) apply(next);
      } catch {
        // Keep showing the last known status; the next poll tries again.
      }
    };
    const tick = async () => {
      if (running || document.visibilityState === "visible") await poll();
      if (!cancelled) timer = setTimeout(tick, running ? RUNNING_POLL_MS : IDLE_POLL_MS);
    };
    timer = setTimeout(tick, running ? RUNNING_POLL_MS : IDLE_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible" && !running) void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled, running, apply]);

  const start = useCallback(async () => {
    if (prev.current?.state === "running") return;
    setStarting(true);
    setStartError(null);
    try {
      apply(await apiFetch<SyncStatus>("/api/sync", { method: "POST" }));
    } catch (err) {
      if (err instanceof ApiError && err.code === "CONFLICT") {
        // A check is already running (another tab or the schedule): follow it instead.
        try {
          apply(await apiFetch<SyncStatus>("/api/sync"));
        } catch (again) {
          setStartError(errorMessage(again));
        }
      } else {
        setStartError(errorMessage(err));
      }
    } finally {
      setStarting(false);
    }
  }, [apply]);

  return { status, startError, starting, start };
}
