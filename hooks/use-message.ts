"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageDetail, OpenedResponse } from "@/lib/shared/types";
import { apiFetch, ApiError, errorMessage, isAbort } from "@/hooks/use-api";
import { claimPrefetched, peekPrefetched } from "@/hooks/message-prefetch";
import { afterPaint, paintedWhileOpen } from "@/hooks/after-paint";
import { shownInstantly } from "@/hooks/instant-open-view";

/** How long the mark-read POST may take before the browser gives up on it (the row then stays unread). */
const MARK_READ_DEADLINE_MS = 30_000;

export interface MessageState {
  message: MessageDetail | null;
  loading: boolean;
  error: { code: string; message: string } | null;
  reload: () => void;
  patchMessage: (patch: Partial<MessageDetail>) => void;
}

/**
 * Loads one message, then tells the server it was opened (POST): that marks it read and adds "read" to
 * the trail. Loading is a GET with no side effects, so the mark-read is its own explicit request, sent
 * once the message is painted; `onLoaded` gets the message as it is after that (seen, unless the folder
 * is read-only) and its folder — also when the person has moved on to another message or folder meanwhile.
 */
export function useMessage(folder: string, uid: number | null, onLoaded?: (m: MessageDetail, folder: string) => void, rowOf?: (uid: number) => Pick<MessageDetail, "seen" | "flagged" | "answered"> | undefined): MessageState {
  const onLoadedRef = useRef(onLoaded);
  const rowOfRef = useRef(rowOf);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
    rowOfRef.current = rowOf;
  });
  // A kept copy may be up to a minute old: the row's flags are the newer word.
  const fresh = useCallback((d: MessageDetail): MessageDetail => {
    const row = rowOfRef.current?.(d.uid);
    return row ? { ...d, seen: row.seen, flagged: row.flagged, answered: row.answered } : d;
  }, []);

  // What is shown belongs to one (folder, uid). When that changes, the next state is settled in this
  // very render (React's "adjust state while rendering"): a prefetched message (hooks/message-prefetch.ts)
  // is shown at once, with no effect → state → render round and no loading state in between; anything
  // else shows the loading state at once instead of the previous message.
  const key = uid === null ? "" : `${folder}\u0000${uid}`;
  const [state, setState] = useState<Shown>(() => initialShown(key, folder, uid, fresh));
  let shown = state;
  if (state.key !== key) {
    shown = initialShown(key, folder, uid, fresh);
    setState(shown);
  }
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    if (uid === null) return;
    const controller = new AbortController();
    const set = (patch: Partial<Shown>) => setState((s) => (s.key === key ? { ...s, ...patch } : s));
    const fetchDetail = () => apiFetch<MessageDetail>(`/api/messages/${uid}?folder=${encodeURIComponent(folder)}`, { signal: controller.signal });
    // Take the prefetched copy out of the cache (the render only peeked), or join the fetch under way
    // (a prefetch, or the one the click started: startOpen).
    const claim = claimPrefetched(folder, uid);
    const already = shownRef.current.key === key ? shownRef.current.message : null;
    let load: Promise<MessageDetail>;
    if (already) {
      load = Promise.resolve(already);
    } else if (claim && "value" in claim) {
      const detail = fresh(claim.value);
      set({ message: detail, loading: false, error: null });
      load = Promise.resolve(detail);
    } else {
      set({ loading: true });
      load = claim ? claim.pending.then(fresh, fetchDetail) : fetchDetail();
    }
    load
      .then(async (detail) => {
        // The reading pane showed this very message on its own before the app caught up
        // (instant-open-view.ts): it has been on screen, whatever happens next.
        const onPane = shownInstantly(folder, uid);
        if (controller.signal.aborted && !onPane) return;
        if (detail !== already && !controller.signal.aborted) {
          // The app's render of the pane's answer waits until the pane's frame is painted.
          if (onPane) await afterPaint();
          if (!controller.signal.aborted) set({ message: detail, loading: false });
        }
        // Read once a frame showing it is painted (never before: the mark-read must not delay that frame),
        // however soon the person moves on after that; left before any such frame, it was never seen.
        if (!onPane && !(await paintedWhileOpen(controller.signal))) return;
        // Shown, so read: the POST is not tied to this open (no `controller.signal`). Pressing j/k on to the
        // next message before its answer must not take the read back; its own deadline bounds it instead.
        const opened = await apiFetch<OpenedResponse>(`/api/messages/${uid}`, { method: "POST", json: { folder }, signal: AbortSignal.timeout(MARK_READ_DEADLINE_MS) }).catch((err) => {
          if (controller.signal.aborted) return null;
          // A copy fetched ahead may have outlived the message: say it is gone rather than show it.
          if ((claim || already) && err instanceof ApiError && err.code === "MESSAGE_GONE") throw err;
          return null; // not marked read: the message is still shown, and the row stays as it was
        });
        const seen = opened ? opened.seen || detail.seen : detail.seen;
        if (controller.signal.aborted) {
          // Moved on meanwhile: only the row and the folder's count are left to bring up to date.
          if (seen !== detail.seen) onLoadedRef.current?.({ ...detail, seen }, folder);
          return;
        }
        if (seen !== detail.seen) setState((s) => (s.key === key && s.message?.uid === detail.uid ? { ...s, message: { ...s.message, seen } } : s));
        onLoadedRef.current?.({ ...detail, seen }, folder);
      })
      .catch((err) => {
        if (isAbort(err) || controller.signal.aborted) return;
        set({ error: { code: err instanceof ApiError ? err.code : "INTERNAL", message: errorMessage(err) }, loading: false });
      });
    return () => controller.abort();
    // `key` is (folder, uid); `fresh` is stable.
  }, [key, reloadKey]);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, message: null, error: null, loading: s.key !== "" }));
    setReloadKey((k) => k + 1);
  }, []);
  const patchMessage = useCallback((patch: Partial<MessageDetail>) => {
    setState((s) => (s.message ? { ...s, message: { ...s.message, ...patch } } : s));
  }, []);

  return { message: shown.message, loading: shown.loading, error: shown.error, reload, patchMessage };
}

interface Shown {
  key: string;
  message: MessageDetail | null;
  loading: boolean;
  error: MessageState["error"];
}

function initialShown(key: string, folder: string, uid: number | null, fresh: (d: MessageDetail) => MessageDetail): Shown {
  const kept = uid === null ? null : peekPrefetched(folder, uid);
  return { key, message: kept ? fresh(kept) : null, loading: uid !== null && !kept, error: null };
}
