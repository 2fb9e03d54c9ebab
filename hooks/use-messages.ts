"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";
import { apiFetch, errorMessage, isAbort } from "@/hooks/use-api";

export type SearchField = "all" | "from" | "subject" | "body";

export interface MessageQuery {
  folder: string;
  q: string;
  field: SearchField;
  /** Start at the oldest page or at a day (YYYY-MM-DD) instead of the newest (big folders, issue 12 point 7). */
  jump?: string | null;
}

export const PAGE_SIZE = 50;

export interface MessagesState {
  messages: MessageSummary[];
  total: number;
  /** First page still loading. */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMoreError: string | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Re-reads the first page without clearing the list (new mail arriving); loaded older pages stay. */
  refresh: () => void;
  patchMessages: (uids: number[], patch: Partial<MessageSummary> | ((m: MessageSummary) => MessageSummary)) => void;
  removeMessages: (uids: number[]) => void;
  /** A message's flags as the server now has them; false when that message is not in the loaded list. */
  applyFlags: (uid: number, flags: string[]) => boolean;
  /** Newer messages before the first loaded row (after a jump); 0 from the top. */
  offset: number;
  /** The order the server applied ("date-desc"); undefined where the store cannot sort (POP3). */
  sort: string | undefined;
  /** The chosen order could not be applied to this folder (too big without server SORT). */
  sortUnavailable: boolean;
  /** Resume point of the first page loaded (live updates start from it). */
  token: string | undefined;
}

function pageUrl(query: MessageQuery, before: number | null): string {
  const params = new URLSearchParams({ folder: query.folder, limit: String(PAGE_SIZE) });
  if (before !== null) params.set("before", String(before));
  else if (query.jump && !query.q) params.set("jump", query.jump);
  if (query.q) {
    params.set("q", query.q);
    params.set("field", query.field);
  }
  return `/api/messages?${params.toString()}`;
}

export function useMessages(query: MessageQuery): MessagesState {
  const { folder, q, field } = query;
  const jump = query.jump ?? null;
  const [offset, setOffset] = useState(0);
  const [sortOf, setSortOf] = useState<{ sort?: string; unavailable: boolean }>({ unavailable: false });
  const [messages, setMessages] = useState<MessageSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadMoreError, setLoadMoreError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  // Kept with its folder: on a folder switch the live stream opens before the new list has loaded,
  // and another mailbox's MODSEQ must never serve as this one's resume point.
  const [tokenOf, setTokenOf] = useState<{ folder: string; token?: string } | null>(null);
  // Each first-page load gets a generation; answers for an older folder or search are dropped.
  const generation = useRef(0);
  const moreInFlight = useRef(false);

  useEffect(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    moreInFlight.current = false;
    setLoading(true);
    setLoadingMore(false);
    setError(null);
    setLoadMoreError(null);
    setMessages([]);
    setTotal(0);
    setCursor(null);
    setOffset(0);
    apiFetch<MessagePage>(pageUrl({ folder, q, field, jump }, null), { signal: controller.signal })
      .then((page) => {
        if (mine !== generation.current) return;
        setOffset(page.offset ?? 0);
        setSortOf({ sort: page.sort, unavailable: !!page.sortUnavailable });
        setMessages(page.messages);
        setTokenOf({ folder, token: page.token });
        setTotal(page.total);
        setCursor(page.nextCursor);
      })
      .catch((err) => {
        if (isAbort(err) || mine !== generation.current) return;
        setError(errorMessage(err));
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false);
      });
    return () => controller.abort();
  }, [folder, q, field, jump, reloadKey]);

  const loadMore = useCallback(() => {
    if (cursor === null || moreInFlight.current || loading) return;
    const mine = generation.current;
    moreInFlight.current = true;
    setLoadingMore(true);
    setLoadMoreError(null);
    apiFetch<MessagePage>(pageUrl({ folder, q, field }, cursor))
      .then((page) => {
        if (mine !== generation.current) return;
        setMessages((list) => {
          const seen = new Set(list.map((m) => m.uid));
          return [...list, ...page.messages.filter((m) => !seen.has(m.uid))];
        });
        setTotal(page.total);
        setCursor(page.nextCursor);
      })
      .catch((err) => {
        if (mine !== generation.current) return;
        setLoadMoreError(errorMessage(err));
      })
      .finally(() => {
        if (mine !== generation.current) return;
        moreInFlight.current = false;
        setLoadingMore(false);
      });
  }, [cursor, folder, q, field, loading]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);

  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const refreshInFlight = useRef(false);
  const refresh = useCallback(() => {
    // A first load or a "load more" in flight will bring fresh rows anyway; merging into it would race.
    if (loading || moreInFlight.current || refreshInFlight.current) return;
    const mine = generation.current;
    refreshInFlight.current = true;
    apiFetch<MessagePage>(pageUrl({ folder, q, field, jump }, null))
      .then((page) => {
        if (mine !== generation.current || moreInFlight.current) return;
        const current = messagesRef.current;
        setTotal(page.total);
        setOffset(page.offset ?? 0);
        if (current.length <= PAGE_SIZE || page.messages.length === 0) {
          setMessages(page.messages);
          setCursor(page.nextCursor);
          return;
        }
        // Older pages were loaded: keep the rows after the new first page's last row, and the old cursor.
        const last = page.messages[page.messages.length - 1];
        const at = current.findIndex((m) => m.uid === last.uid);
        if (at < 0) {
          setMessages(page.messages);
          setCursor(page.nextCursor);
          return;
        }
        const onPage = new Set(page.messages.map((m) => m.uid));
        setMessages([...page.messages, ...current.slice(at + 1).filter((m) => !onPage.has(m.uid))]);
      })
      .catch(() => {
        // A failed background refresh leaves the list as it was; the next one will try again.
      })
      .finally(() => {
        refreshInFlight.current = false;
      });
  }, [loading, folder, q, field, jump]);

  const patchMessages = useCallback<MessagesState["patchMessages"]>((uids, patch) => {
    const set = new Set(uids);
    setMessages((list) =>
      list.map((m) => (set.has(m.uid) ? (typeof patch === "function" ? patch(m) : { ...m, ...patch }) : m)),
    );
  }, []);

  const removeMessages = useCallback((uids: number[]) => {
    const set = new Set(uids);
    setMessages((list) => {
      const next = list.filter((m) => !set.has(m.uid));
      const removed = list.length - next.length;
      if (removed) setTotal((t) => Math.max(0, t - removed));
      return next;
    });
  }, []);

  const applyFlags = useCallback((uid: number, flags: string[]) => {
    if (!messagesRef.current.some((m) => m.uid === uid)) return false;
    const has = new Set(flags);
    setMessages((list) =>
      list.map((m) => (m.uid === uid ? { ...m, seen: has.has("\\Seen"), flagged: has.has("\\Flagged"), answered: has.has("\\Answered") } : m)),
    );
    return true;
  }, []);

  return {
    messages,
    applyFlags,
    token: tokenOf?.folder === folder ? tokenOf.token : undefined,
    total,
    offset,
    sort: sortOf.sort,
    sortUnavailable: sortOf.unavailable,
    loading,
    loadingMore,
    error,
    loadMoreError,
    hasMore: cursor !== null,
    loadMore,
    reload,
    refresh,
    patchMessages,
    removeMessages,
  };
}
