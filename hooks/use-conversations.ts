"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ActionResponse, Folder, MessageSummary } from "@/lib/shared/types";
import type { ConversationPage, ConversationPref, ConversationThread } from "@/lib/shared/conversation-types";
import { mergeThreadPages, planThreadAction, type ThreadAction } from "@/lib/shared/conversation-view";
import { apiFetch, errorMessage, isAbort } from "@/hooks/use-api";

const PAGE = 50;

interface Input {
  folder: string;
  /** Conversations replace the list only for a plain folder view (not search results or team views). */
  active: boolean;
  /** The flat list's newest page: when it changes (live updates, toolbar actions), threads are re-read. */
  listMessages: MessageSummary[];
  folders: Folder[];
  notify: (text: string, tone?: "info" | "error") => void;
  reloadFolders: () => Promise<unknown> | void;
  /** The choice and first window the server rendered with the page (issue 13 point 5): not asked again on mount. */
  initial?: { enabled: boolean | null; page: ConversationPage | null };
}

export interface ConversationsState {
  enabled: boolean;
  /** The person's choice has been read from the server (the switch waits for it). */
  known: boolean;
  setEnabled: (on: boolean) => void;
  /** The thread list is what the person sees now. */
  showing: boolean;
  threads: ConversationThread[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  refresh: () => void;
  sentFolder: string | null;
  threadOf: (folder: string, uid: number | null) => ConversationThread | null;
  runAction: (thread: ConversationThread, action: ThreadAction) => Promise<void>;
  archiveFolder: string | null;
}

/** The "Conversations" toggle (remembered per person on the server) and the threaded list it shows. */
export function useConversations({ folder, active, listMessages, folders, notify, reloadFolders, initial }: Input): ConversationsState {
  const knownAtStart = typeof initial?.enabled === "boolean";
  const [enabled, setEnabledState] = useState(initial?.enabled ?? false);
  const [known, setKnown] = useState(knownAtStart);
  const initialPage = useRef(initial?.page?.folder === folder ? initial.page : null);
  const [threads, setThreads] = useState<ConversationThread[]>(initialPage.current?.threads ?? []);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<number | null>(initialPage.current?.nextCursor ?? null);
  const [sentFolder, setSentFolder] = useState<string | null>(initialPage.current?.sentFolder ?? null);
  const [reloadKey, setReloadKey] = useState(0);
  const showing = enabled && active;

  useEffect(() => {
    if (knownAtStart) return;
    const c = new AbortController();
    apiFetch<ConversationPref>("/api/account/conversations", { signal: c.signal })
      .then((p) => setEnabledState(p.enabled))
      .catch(() => {}) // off when unknown: the flat list is always a safe view
      .finally(() => !c.signal.aborted && setKnown(true));
    return () => c.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the server's answer counts for the first mount only
  }, []);

  const setEnabled = useCallback(
    (on: boolean) => {
      setEnabledState(on);
      apiFetch<ConversationPref>("/api/account/conversations", { method: "PUT", json: { enabled: on } }).catch((err) => {
        setEnabledState(!on);
        notify(errorMessage(err), "error");
      });
    },
    [notify],
  );

  // Re-read when the flat list's newest page changes: new mail, flags, moves by anyone.
  const signature = useMemo(() => listMessages.slice(0, PAGE).map((m) => `${m.uid}${m.seen ? "s" : ""}${m.flagged ? "f" : ""}`).join(","), [listMessages]);

  const first = useRef<AbortController | null>(null);
  useEffect(() => {
    // The server's window is already on screen (the state started from it); only the first run may skip.
    const preloaded = initialPage.current;
    initialPage.current = null;
    if (!showing || (preloaded && preloaded.folder === folder)) return;
    first.current?.abort();
    const c = new AbortController();
    first.current = c;
    setLoading((was) => was || threads.length === 0);
    apiFetch<ConversationPage>(`/api/conversations?folder=${encodeURIComponent(folder)}&limit=${PAGE}`, { signal: c.signal })
      .then((p) => {
        setThreads(p.threads);
        setCursor(p.nextCursor);
        setSentFolder(p.sentFolder);
        setError(null);
      })
      .catch((err) => {
        if (!isAbort(err)) setError(errorMessage(err));
      })
      .finally(() => {
        if (!c.signal.aborted) setLoading(false);
      });
    return () => c.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- threads.length only decides the skeleton
  }, [showing, folder, signature, reloadKey]);

  // Another folder: nothing of the last one's threads may show.
  const shownFolder = useRef(folder);
  useEffect(() => {
    if (shownFolder.current === folder) return;
    shownFolder.current = folder;
    setThreads([]);
    setCursor(null);
  }, [folder]);

  const loadMore = useCallback(() => {
    if (cursor === null || loadingMore) return;
    setLoadingMore(true);
    apiFetch<ConversationPage>(`/api/conversations?folder=${encodeURIComponent(folder)}&limit=${PAGE}&before=${cursor}`)
      .then((p) => {
        setThreads((t) => mergeThreadPages(t, p.threads));
        setCursor(p.nextCursor);
      })
      .catch((err) => notify(errorMessage(err), "error"))
      .finally(() => setLoadingMore(false));
  }, [cursor, loadingMore, folder, notify]);

  const refresh = useCallback(() => setReloadKey((k) => k + 1), []);

  const threadOf = useCallback(
    (f: string, uid: number | null) => (uid === null ? null : threads.find((t) => t.messages.some((m) => m.folder === f && m.uid === uid)) ?? null),
    [threads],
  );

  const archiveFolder = folders.find((f) => f.specialUse === "archive")?.path ?? null;

  const runAction = useCallback(
    async (thread: ConversationThread, action: ThreadAction) => {
      const plan = planThreadAction(thread, folder, action);
      try {
        for (const step of plan) {
          const body =
            action === "archive"
              ? { action: "move", folder: step.folder, uids: step.uids, target: archiveFolder }
              : { action, folder: step.folder, uids: step.uids };
          await apiFetch<ActionResponse>("/api/messages/actions", { method: "POST", json: body });
        }
        const n = thread.messages.length;
        const words: Record<ThreadAction, string> = {
          read: "marked as read", unread: "marked as unread", flag: "flagged", unflag: "unflagged", archive: "archived", delete: "moved to Trash",
        };
        notify(`Conversation of ${n} message${n === 1 ? "" : "s"} ${words[action]}`);
      } catch (err) {
        notify(errorMessage(err), "error");
      }
      refresh();
      void reloadFolders();
    },
    [folder, archiveFolder, notify, refresh, reloadFolders],
  );

  return { enabled, known, setEnabled, showing, threads, loading, error, hasMore: cursor !== null, loadingMore, loadMore, refresh, sentFolder, threadOf, runAction, archiveFolder };
}
