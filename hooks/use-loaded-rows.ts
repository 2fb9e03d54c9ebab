"use client";

import { useCallback, useRef, type Dispatch, type MutableRefObject, type SetStateAction } from "react";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { keepOlderRows, pageUrl, type MessageQuery, type MessagesState } from "@/hooks/messages-query";

/*
 * What happens to a list once its first page is shown (split out of hooks/use-messages.ts, which loads
 * that page): older pages appended, a fresh first page merged over it (new mail), and the person's own
 * changes (a flag, a move) applied to the loaded rows without asking the server.
 */

export interface LoadedRows {
  query: MessageQuery;
  messages: MessageSummary[];
  cursor: number | null;
  loading: boolean;
  /** The list's first-page generation (hooks/use-messages.ts): an answer for an older one is dropped. */
  generation: MutableRefObject<number>;
  moreInFlight: MutableRefObject<boolean>;
  setMessages: Dispatch<SetStateAction<MessageSummary[]>>;
  setTotal: Dispatch<SetStateAction<number>>;
  setCursor: Dispatch<SetStateAction<number | null>>;
  setOffset: Dispatch<SetStateAction<number>>;
  setLoadingMore: Dispatch<SetStateAction<boolean>>;
  setLoadMoreError: Dispatch<SetStateAction<string | null>>;
}

type Edits = Pick<MessagesState, "loadMore" | "refresh" | "patchMessages" | "removeMessages" | "applyFlags"> & {
  /** A fresh first page over the list on screen; older pages already loaded stay. */
  mergeFirstPage: (page: MessagePage) => void;
};

export function useLoadedRows(s: LoadedRows): Edits {
  const { folder, q, field } = s.query;
  const jump = s.query.jump ?? null;
  const { cursor, loading, generation, moreInFlight, setMessages, setTotal, setCursor, setOffset, setLoadingMore, setLoadMoreError } = s;

  // A refresh asked for while a page is on its way (older rows, or another refresh that may have left
  // before the change) runs once that page is in: dropped, new mail would stay off the list until the
  // next change. The latest refresh is called (its closure knows the list as it is then).
  const refreshLater = useRef(false);
  const latestRefresh = useRef<() => void>(() => undefined);
  const runLater = useCallback(() => {
    if (!refreshLater.current) return;
    refreshLater.current = false;
    latestRefresh.current();
  }, []);

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
        if (!page.totalLater) setTotal(page.total);
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
        runLater();
      });
  }, [cursor, folder, q, field, loading, runLater]);

  const messagesRef = useRef(s.messages);
  messagesRef.current = s.messages;
  const refreshInFlight = useRef(false);
  const mergeFirstPage = useCallback((page: MessagePage) => {
    const current = messagesRef.current;
    setTotal(page.total);
    setOffset(page.offset ?? 0);
    // Older pages were loaded: keep the rows after the new first page's last row, and the old cursor.
    const kept = keepOlderRows(current, page.messages, page.nextCursor);
    if (kept) {
      setMessages(kept);
      return;
    }
    setMessages(page.messages);
    setCursor(page.nextCursor);
  }, []);
  const refresh = useCallback(() => {
    // A first load in flight brings fresh rows anyway; merging into a page on its way would race (later).
    if (loading) return;
    if (moreInFlight.current || refreshInFlight.current) {
      refreshLater.current = true;
      return;
    }
    const mine = generation.current;
    refreshInFlight.current = true;
    apiFetch<MessagePage>(pageUrl({ folder, q, field, jump }, null))
      .then((page) => {
        if (mine !== generation.current) return;
        if (moreInFlight.current) refreshLater.current = true;
        else mergeFirstPage(page);
      })
      .catch(() => {
        // A failed background refresh leaves the list as it was; the next one will try again.
      })
      .finally(() => {
        refreshInFlight.current = false;
        runLater();
      });
  }, [loading, folder, q, field, jump, mergeFirstPage, runLater]);
  latestRefresh.current = refresh;

  const patchMessages = useCallback<MessagesState["patchMessages"]>((uids, patch) => {
    const set = new Set(uids);
    setMessages((list) => list.map((m) => (set.has(m.uid) ? (typeof patch === "function" ? patch(m) : { ...m, ...patch }) : m)));
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
    setMessages((list) => list.map((m) => (m.uid === uid ? { ...m, seen: has.has("\\Seen"), flagged: has.has("\\Flagged"), answered: has.has("\\Answered") } : m)));
    return true;
  }, []);

  return { loadMore, refresh, mergeFirstPage, patchMessages, removeMessages, applyFlags };
}
