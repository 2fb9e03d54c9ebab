"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageDetail, OpenedResponse } from "@/lib/shared/types";
import { apiFetch, ApiError, errorMessage, isAbort } from "@/hooks/use-api";
import { claimPrefetched } from "@/hooks/message-prefetch";

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
 * at once; `onLoaded` gets the message as it is after that (seen, unless the folder is read-only).
 */
export function useMessage(folder: string, uid: number | null, onLoaded?: (m: MessageDetail) => void, rowOf?: (uid: number) => Pick<MessageDetail, "seen" | "flagged" | "answered"> | undefined): MessageState {
  const [message, setMessage] = useState<MessageDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<MessageState["error"]>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const onLoadedRef = useRef(onLoaded);
  const rowOfRef = useRef(rowOf);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
    rowOfRef.current = rowOf;
  });

  useEffect(() => {
    setMessage(null);
    setError(null);
    if (uid === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    const fetchDetail = () => apiFetch<MessageDetail>(`/api/messages/${uid}?folder=${encodeURIComponent(folder)}`, { signal: controller.signal });
    // Prefetched (hooks/message-prefetch.ts): shown in this very render pass, no request; or join the
    // prefetch under way. A kept copy may be up to a minute old: the row's flags are the newer word.
    const fresh = (d: MessageDetail): MessageDetail => {
      const row = rowOfRef.current?.(d.uid);
      return row ? { ...d, seen: row.seen, flagged: row.flagged, answered: row.answered } : d;
    };
    const claim = claimPrefetched(folder, uid);
    let load: Promise<MessageDetail>;
    if (claim && "value" in claim) {
      const detail = fresh(claim.value);
      setMessage(detail);
      load = Promise.resolve(detail);
    } else {
      setLoading(true);
      load = claim ? claim.pending.then(fresh, fetchDetail) : fetchDetail();
    }
    load
      .then(async (detail) => {
        if (controller.signal.aborted) return;
        setMessage(detail);
        setLoading(false);
        const opened = await apiFetch<OpenedResponse>(`/api/messages/${uid}`, { method: "POST", json: { folder }, signal: controller.signal }).catch((err) => {
          if (isAbort(err) || controller.signal.aborted) throw err;
          // A copy fetched ahead may have outlived the message: say it is gone rather than show it.
          if (claim && err instanceof ApiError && err.code === "MESSAGE_GONE") throw err;
          return null; // not marked read: the message is still shown, and the row stays as it was
        });
        if (controller.signal.aborted) return;
        const seen = opened ? opened.seen || detail.seen : detail.seen;
        if (seen !== detail.seen) setMessage((m) => (m && m.uid === detail.uid ? { ...m, seen } : m));
        onLoadedRef.current?.({ ...detail, seen });
      })
      .catch((err) => {
        if (isAbort(err) || controller.signal.aborted) return;
        setError({ code: err instanceof ApiError ? err.code : "INTERNAL", message: errorMessage(err) });
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [folder, uid, reloadKey]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const patchMessage = useCallback((patch: Partial<MessageDetail>) => {
    setMessage((m) => (m ? { ...m, ...patch } : m));
  }, []);

  return { message, loading, error, reload, patchMessage };
}
