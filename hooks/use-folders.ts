"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Folder, FoldersResponse } from "@/lib/shared/types";
import { apiFetch, errorMessage } from "@/hooks/use-api";

export interface FoldersState {
  folders: Folder[];
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
  /** Local bookkeeping so badges change at once; the next reload brings the server's truth. */
  adjustUnread: (path: string, delta: number) => void;
  createFolder: (parent: string | null, name: string) => Promise<string>;
  renameFolder: (path: string, newName: string) => Promise<string>;
  deleteFolder: (path: string) => Promise<void>;
}

/** `initial`: the tree the server rendered with the page (issue 13 point 5); then nothing is asked on mount. */
export function useFolders(initial?: Folder[] | null): FoldersState {
  const [folders, setFolders] = useState<Folder[]>(initial ?? []);
  const [loading, setLoading] = useState(!initial);
  const preloaded = useRef(!!initial);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const data = await apiFetch<FoldersResponse>("/api/folders");
      if (mine !== generation.current) return;
      setFolders(data.folders);
      setError(null);
    } catch (err) {
      if (mine !== generation.current) return;
      setError(errorMessage(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (!preloaded.current) void reload();
    preloaded.current = false;
    // Counts change while the tab sits in the background; refresh them when the user comes back.
    const onVisible = () => {
      if (document.visibilityState === "visible") void reload();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [reload]);

  const adjustUnread = useCallback((path: string, delta: number) => {
    setFolders((list) =>
      list.map((f) => (f.path === path ? { ...f, unread: Math.max(0, Math.min(f.total, f.unread + delta)) } : f)),
    );
  }, []);

  const createFolder = useCallback(
    async (parent: string | null, name: string) => {
      const res = await apiFetch<{ path: string }>("/api/folders", { method: "POST", json: { parent, name } });
      await reload();
      return res.path;
    },
    [reload],
  );

  const renameFolder = useCallback(
    async (path: string, newName: string) => {
      const res = await apiFetch<{ path: string }>("/api/folders", { method: "PATCH", json: { path, newName } });
      await reload();
      return res.path;
    },
    [reload],
  );

  const deleteFolder = useCallback(
    async (path: string) => {
      await apiFetch<{ ok: true }>(`/api/folders?path=${encodeURIComponent(path)}`, { method: "DELETE" });
      await reload();
    },
    [reload],
  );

  return { folders, loading, error, reload, adjustUnread, createFolder, renameFolder, deleteFolder };
}
