"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, errorMessage, isAbort } from "@/hooks/use-api";
import { keepOlderRows, PAGE_SIZE, type MessagesState, type SearchField } from "@/hooks/messages-query";
import { readSearchStream } from "@/hooks/search-stream-fetch";
import { peekSearchStream, streamUrl, takeSearchStream } from "@/hooks/search-stream-start";
import type { SearchChunk } from "@/lib/shared/search-stream";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";

export interface StreamedSearchState extends MessagesState {
  /** The server is still searching older mail (rows found so far are shown). */
  searching: boolean;
  /** The search's deadline stopped it before the oldest message. */
  stoppedEarly: boolean;
}

export interface Found {
  messages: MessageSummary[];
  total: number;
  /** More match than `total`: the store stopped counting at its cap (POP3 cache). */
  totalAtLeast: boolean;
  cursor: number | null;
  /** Still waiting for the first rows. */
  loading: boolean;
  searching: boolean;
  stoppedEarly: boolean;
  error: string | null;
}

export const START: Found = { messages: [], total: 0, totalAtLeast: false, cursor: null, loading: true, searching: true, stoppedEarly: false, error: null };


/** Folds one streamed chunk into what the list shows. */
export function applySearchChunk(f: Found, chunk: SearchChunk): Found {
  if (chunk.type === "rows") {
    const seen = new Set(f.messages.map((m) => m.uid));
    const fresh = chunk.messages.filter((m) => !seen.has(m.uid));
    return { ...f, messages: [...f.messages, ...fresh], total: Math.max(f.total, f.messages.length + fresh.length), loading: f.loading && f.messages.length + fresh.length === 0 };
  }
  if (chunk.type === "done") return { ...f, total: chunk.total, totalAtLeast: chunk.totalAtLeast === true, cursor: chunk.nextCursor, loading: false, searching: false, stoppedEarly: !chunk.complete };
  return { ...f, loading: false, searching: false, error: f.messages.length ? null : chunk.message };
}

/**
 * A quiet refresh's answer (`fresh`, the first rows again) over what the list shows: when older pages
 * were loaded, the rows after the fresh answer's last row stay, with the old cursor, so a change
 * elsewhere does not take away the rows a person scrolled to (as the folder list's refresh does).
 */
export function mergeQuietSearch(current: Found, fresh: Found): Found {
  const kept = keepOlderRows(current.messages, fresh.messages, fresh.cursor);
  return kept ? { ...fresh, messages: kept, total: Math.max(fresh.total, kept.length), cursor: current.cursor } : fresh;
}

/**
 * A search in one folder, shown as it streams in (issue 13): rows appear while the server still
 * searches older mail; a new query aborts the old request, and nothing from it reaches the list.
 * Returns `base` (the folder's plain list) untouched while `enabled` is false; "load more" after the
 * first page uses the ordinary paged search (GET /api/messages?q=&before=).
 */
export function useStreamedSearch(base: MessagesState, query: { folder: string; q: string; field: SearchField }, enabled: boolean): StreamedSearchState {
  const { folder, q, field } = query;
  const [found, setFound] = useState<Found>(START);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);
  const moreInFlight = useRef(false);
  // A refresh asked for while a "load more" is on its way waits for it (it would drop that page).
  const refreshLater = useRef(false);

  // A refresh (new mail, an undo) searches again quietly: the rows on screen stay until the new answer is whole.
  const quiet = useRef(false);

  // A new search starts from what its stream (started by Enter, hooks/search-stream-start.ts) has
  // brought already, in the render that shows it: the first rows are on screen in that frame.
  const key = enabled ? streamUrl(folder, q, field) : "";
  const [shownKey, setShownKey] = useState(key);
  const replayed = useRef(0);
  if (shownKey !== key) {
    setShownKey(key);
    const soFar = enabled ? peekSearchStream(key) : undefined;
    replayed.current = soFar?.length ?? 0;
    setFound(soFar ? soFar.reduce(applySearchChunk, START) : START);
  }

  useEffect(() => {
    const mine = ++generation.current;
    busy.current = false;
    refreshLater.current = false;
    if (!enabled) return;
    const controller = new AbortController();
    const silent = quiet.current;
    quiet.current = false;
    busy.current = true;
    let next: Found = START;
    // Lines the render already showed (above) are folded in again without another render.
    let quietLines = silent ? 0 : replayed.current;
    replayed.current = 0;
    if (!silent) {
      if (quietLines === 0) setFound(START);
      setLoadingMore(false);
      setLoadMoreError(null);
    }
    const onChunk = (chunk: SearchChunk) => {
      if (mine !== generation.current) return;
      next = applySearchChunk(next, chunk);
      if (quietLines > 0) quietLines -= 1;
      else if (!silent) setFound(next);
      else if (!next.searching) setFound((cur) => mergeQuietSearch(cur, next));
    };
    const url = streamUrl(folder, q, field);
    const taken = silent ? null : takeSearchStream(url, onChunk);
    if (taken) controller.signal.addEventListener("abort", taken.abort, { once: true });
    (taken ? taken.end : readSearchStream(url, controller.signal, onChunk))
      .then(() => {
        // A stream that ended without "done" (the connection cut): what came is kept, the spinner goes.
        if (mine !== generation.current || !next.searching) return;
        const ended = { ...next, loading: false, searching: false };
        setFound(silent ? (cur) => mergeQuietSearch(cur, ended) : ended);
      })
      .catch((err) => {
        if (isAbort(err) || mine !== generation.current || silent) return;
        setFound({ ...next, loading: false, searching: false, error: errorMessage(err) });
      })
      .finally(() => {
        if (mine === generation.current) busy.current = false;
      });
    return () => controller.abort();
  }, [folder, q, field, enabled, reloadKey]);

  const refresh = useCallback(() => {
    if (moreInFlight.current) {
      refreshLater.current = true;
      return;
    }
    refreshLater.current = false;
    quiet.current = true;
    setReloadKey((k) => k + 1);
  }, []);

  const loadMore = useCallback(() => {
    if (found.cursor === null || busy.current) return;
    const mine = generation.current;
    busy.current = true;
    moreInFlight.current = true;
    setLoadingMore(true);
    setLoadMoreError(null);
    const params = new URLSearchParams({ folder, limit: String(PAGE_SIZE), before: String(found.cursor), q, field });
    apiFetch<MessagePage>(`/api/messages?${params.toString()}`)
      .then((page) => {
        if (mine !== generation.current) return;
        setFound((f) => {
          const seen = new Set(f.messages.map((m) => m.uid));
          // A store that would have to count every match again leaves the total out (totalLater): keep ours.
          return { ...f, messages: [...f.messages, ...page.messages.filter((m) => !seen.has(m.uid))], ...(page.totalLater ? {} : { total: page.total, totalAtLeast: page.totalAtLeast === true }), cursor: page.nextCursor };
        });
      })
      .catch((err) => {
        if (mine === generation.current) setLoadMoreError(errorMessage(err));
      })
      .finally(() => {
        moreInFlight.current = false;
        if (mine !== generation.current) return;
        busy.current = false;
        setLoadingMore(false);
        if (refreshLater.current) refresh();
      });
  }, [found.cursor, folder, q, field, refresh]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);

  const patchMessages = useCallback<MessagesState["patchMessages"]>((uids, patch) => {
    const set = new Set(uids);
    setFound((f) => ({ ...f, messages: f.messages.map((m) => (set.has(m.uid) ? (typeof patch === "function" ? patch(m) : { ...m, ...patch }) : m)) }));
  }, []);

  const removeMessages = useCallback((uids: number[]) => {
    const set = new Set(uids);
    setFound((f) => {
      const messages = f.messages.filter((m) => !set.has(m.uid));
      return { ...f, messages, total: Math.max(0, f.total - (f.messages.length - messages.length)) };
    });
  }, []);

  const messagesRef = useRef(found.messages);
  messagesRef.current = found.messages;
  const applyFlags = useCallback((uid: number, flags: string[]) => {
    if (!messagesRef.current.some((m) => m.uid === uid)) return false;
    const has = new Set(flags);
    setFound((f) => ({ ...f, messages: f.messages.map((m) => (m.uid === uid ? { ...m, seen: has.has("\\Seen"), flagged: has.has("\\Flagged"), answered: has.has("\\Answered") } : m)) }));
    return true;
  }, []);

  if (!enabled) return { ...base, searching: false, stoppedEarly: false };
  return {
    messages: found.messages,
    total: found.total,
    totalAtLeast: found.totalAtLeast,
    loading: found.loading,
    loadingMore,
    error: found.error,
    loadMoreError,
    hasMore: found.cursor !== null && !found.searching,
    loadMore,
    reload,
    // New mail or a change elsewhere: search again, quietly.
    refresh,
    patchMessages,
    removeMessages,
    applyFlags,
    offset: 0,
    sort: undefined,
    sortUnavailable: false,
    // Live updates follow the folder's own list, which stays loaded under the search.
    token: base.token,
    searching: found.searching,
    stoppedEarly: found.stoppedEarly,
  };
}
