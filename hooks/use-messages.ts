"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";
import { apiFetch, errorMessage, isAbort } from "@/hooks/use-api";
import { PAGE_SIZE, pageUrl, samePage, type MessageQuery, type MessagesStart, type MessagesState } from "@/hooks/messages-query";
import { useLoadedRows } from "@/hooks/use-loaded-rows";
import { folderPageCache } from "@/hooks/folder-page-cache";
import { offerResumePoint } from "@/hooks/event-stream";
import { loadFirstPage, readyPage } from "@/hooks/folder-page-fetch";

export { PAGE_SIZE, type MessageQuery, type MessagesStart, type MessagesState, type SearchField } from "@/hooks/messages-query";

export function useMessages(query: MessageQuery, start: MessagesStart = {}): MessagesState {
  const { folder, q, field } = query;
  const jump = query.jump ?? null;
  const account = start.account;
  // The server's page is the state's starting point (so it is in the page's HTML), for the first screen
  // only; afterwards (another folder, a reload) it is stale.
  const [boot] = useState(() => (start.initial && start.initial.folder === folder && !q && !jump ? start.initial : null));
  const initialRef = useRef(boot);
  // Offered while rendering: a child's effect (presence) may open the folder's live stream before ours run.
  const offered = useRef(false);
  if (!offered.current && boot) {
    offered.current = true;
    offerResumePoint(boot.folder, boot.token);
  }
  const lastReloadKey = useRef(0);
  const [offset, setOffset] = useState(boot?.offset ?? 0);
  const [sortOf, setSortOf] = useState<{ sort?: string; unavailable: boolean }>({ sort: boot?.sort, unavailable: !!boot?.sortUnavailable });
  const [messages, setMessages] = useState<MessageSummary[]>(boot?.messages ?? []);
  const [total, setTotal] = useState(boot?.total ?? 0);
  const [cursor, setCursor] = useState<number | null>(boot?.nextCursor ?? null);
  const [loading, setLoading] = useState(!boot);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadMoreError, setLoadMoreError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  // Kept with its folder: on a folder switch the live stream opens before the new list has loaded,
  // and another mailbox's MODSEQ must never serve as this one's resume point.
  const [tokenOf, setTokenOf] = useState<{ folder: string; token?: string; uidValidity?: string } | null>(boot ? { folder: boot.folder, token: boot.token, uidValidity: boot.uidValidity } : null);
  // Each first-page load gets a generation; answers for an older folder or search are dropped.
  const generation = useRef(0);
  const moreInFlight = useRef(false);
  const confirmRef = useRef<(page: MessagePage) => void>(() => {});
  // A page's rows, order, resume point and paging, as the list shows them (state setters are stable).
  const showPage = (shown: string, page: MessagePage) => {
    setOffset(page.offset ?? 0);
    setSortOf({ sort: page.sort, unavailable: !!page.sortUnavailable });
    setMessages(page.messages);
    setTokenOf({ folder: shown, token: page.token, uidValidity: page.uidValidity });
    offerResumePoint(shown, page.token);
    setTotal(page.total);
    setCursor(page.nextCursor);
  };
  // A switch to a remembered folder shows its page in the switch's own render (not one render later from
  // the effect below): React re-runs this component at once, so the list renders its new rows once.
  const [shownQuery, setShownQuery] = useState(() => ({ folder, q, field, jump }));
  const paintedRef = useRef<MessagePage | null>(null);
  if (shownQuery.folder !== folder || shownQuery.q !== q || shownQuery.field !== field || shownQuery.jump !== jump) {
    setShownQuery({ folder, q, field, jump });
    // Or the answer that a switch or jump waited for (hooks/show-when-ready.ts): rendered here, once.
    const remembered = (!q && !jump && account ? folderPageCache.get(account, folder) : undefined) ?? (!q ? readyPage(pageUrl({ folder, q, field, jump }, null)) : undefined);
    paintedRef.current = remembered ?? null;
    if (remembered) {
      showPage(folder, remembered);
      setLoading(false);
      setError(null);
    }
  }

  useEffect(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    moreInFlight.current = false;
    setLoadingMore(false);
    setError(null);
    setLoadMoreError(null);
    const show = (page: MessagePage) => showPage(folder, page);
    // A reload (the order changed, Retry) asks the server; a folder switch may start from what was shown before.
    const reloaded = reloadKey !== lastReloadKey.current;
    lastReloadKey.current = reloadKey;
    const plain = !q && !jump;
    const initial = initialRef.current;
    initialRef.current = null;
    // Already on screen: the state started from it.
    if (plain && initial && initial.folder === folder && !reloaded) return;
    const cached = plain && account && !reloaded ? folderPageCache.get(account, folder) : undefined;
    if (plain && account && reloaded) folderPageCache.delete(folder);
    const arrived = paintedRef.current;
    if (!q && !reloaded && arrived && arrived !== cached) {
      // Rendered from an answer that had just arrived: taken (not shared again), not asked for again.
      paintedRef.current = null;
      setLoading(false);
      loadFirstPage(pageUrl({ folder, q, field, jump }, null), { take: true })
        .then((page) => {
          if (mine === generation.current && page !== arrived) show(page);
        })
        .catch(() => {});
      return () => controller.abort();
    }
    if (cached) {
      // Shown at once; the server's answer (one STATUS when nothing changed) replaces it only if it differs.
      // Already shown while rendering the switch (above) when it is the same page.
      if (paintedRef.current !== cached) show(cached);
      paintedRef.current = null;
      setLoading(false);
      // Shared with the click's request or a prefetch (hooks/folder-page-fetch.ts); conditional (304) when unchanged.
      loadFirstPage(pageUrl({ folder, q, field, jump }, null), { shown: cached, take: true })
        .then((page) => {
          if (mine !== generation.current || samePage(page, cached)) return;
          confirmRef.current(page);
        })
        .catch((err) => {
          if (isAbort(err) || mine !== generation.current) return;
          folderPageCache.delete(folder);
          setMessages([]);
          setError(errorMessage(err));
        });
      return () => controller.abort();
    }
    setLoading(true);
    setMessages([]);
    setTotal(0);
    setCursor(null);
    setOffset(0);
    (q ? apiFetch<MessagePage>(pageUrl({ folder, q, field, jump }, null), { signal: controller.signal }) : loadFirstPage(pageUrl({ folder, q, field, jump }, null), { force: reloaded, take: true }))
      .then((page) => {
        if (mine !== generation.current) return;
        show(page);
      })
      .catch((err) => {
        if (isAbort(err) || mine !== generation.current) return;
        setError(errorMessage(err));
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- account is fixed for the page's life
  }, [folder, q, field, jump, reloadKey]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const { loadMore, refresh, mergeFirstPage, patchMessages, removeMessages, applyFlags } = useLoadedRows({
    query: { folder, q, field, jump }, messages, cursor, loading, generation, moreInFlight,
    setMessages, setTotal, setCursor, setOffset, setLoadingMore, setLoadMoreError,
  });
  // The confirmation of a remembered page (above) lands like a refresh, and brings the order it was read in.
  confirmRef.current = (page: MessagePage) => {
    // Older rows on their way: a fresh first page is asked for once they are in (use-loaded-rows.ts).
    if (moreInFlight.current) return refresh();
    setSortOf({ sort: page.sort, unavailable: !!page.sortUnavailable });
    mergeFirstPage(page);
  };

  // What this folder shows now (local flag changes and removals included) is what a later visit paints first.
  const shownFolder = tokenOf?.folder;
  useEffect(() => {
    if (!account || q || jump || loading || error || offset || shownFolder !== folder) return;
    const first = messages.slice(0, PAGE_SIZE);
    const nextCursor = messages.length > PAGE_SIZE ? (first.at(-1)?.uid ?? null) : cursor;
    folderPageCache.set(account, folder, {
      folder, uidValidity: tokenOf?.uidValidity ?? "", token: tokenOf?.token, total, messages: first, nextCursor,
      ...(sortOf.sort ? { sort: sortOf.sort } : {}), ...(sortOf.unavailable ? { sortUnavailable: true } : {}),
    });
  }, [account, folder, q, jump, loading, error, offset, shownFolder, messages, total, cursor, tokenOf, sortOf]);

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
