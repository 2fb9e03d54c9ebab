"use client";

import { useCallback, useEffect, useRef, type FocusEvent, type PointerEvent } from "react";
import type { Folder } from "@/lib/shared/types";
import { folderPageCache } from "@/hooks/folder-page-cache";
import { prefetchFolderPage, startFolderPage } from "@/hooks/folder-page-fetch";
import { planIdlePrefetch } from "@/lib/shared/idle-prefetch-plan";
import { folderFromPathname } from "@/components/mail/mail-url";

/** A pointer resting this long on a folder means "about to open it" (the same as rows, hooks/message-prefetch.ts). */
const HOVER_MS = 80;
/** The idle plan starts no sooner than this after the first screen (a person reads it first; it must not compete)… */
const IDLE_AFTER_MS = 2_000;
/** …and then at the browser's next idle moment, or at most this long later. */
const IDLE_TIMEOUT_MS = 3_000;

/** The person asked the browser to save data (Chrome's Save-Data; absent elsewhere). */
function savesData(): boolean {
  const c = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  return !!c?.saveData;
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 1_000);
  });
}

/** The folder a link in the folder tree opens, or null for anything else. */
function folderOfTarget(target: EventTarget | null): string | null {
  const link = target instanceof Element ? target.closest<HTMLAnchorElement>('nav[aria-label="Folders"] a[href^="/mail"]') : null;
  if (!link) return null;
  return folderFromPathname(new URL(link.href, window.location.href).pathname);
}

/**
 * Asks ahead for the first page of a folder a person is about to open (issue 13 point 6): the pointer
 * resting on its link, keyboard focus on it, and once per page, when the tab is idle after the first
 * screen, a few folders people open most (lib/shared/idle-prefetch-plan.ts), one at a time, never on
 * a Save-Data connection. GET only, into the tab's folder cache: nothing is marked read or changed.
 * Returns handlers for the folder column (event delegation: the tree's own markup stays as it is).
 */
export function useFolderPrefetch(account: string | undefined, folders: Folder[], current: string) {
  const latest = useRef({ folders, current });
  latest.current = { folders, current };
  const planned = useRef(false);
  // Once per page: a later render (the folder tree arriving, counts changing) neither restarts nor stops it.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!account || planned.current || folders.length === 0) return;
    planned.current = true;
    if (savesData()) return;
    const stopped = () => !mounted.current;
    void (async () => {
      await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS));
      if (stopped()) return;
      await whenIdle();
      const { folders: tree, current: shown } = latest.current;
      for (const path of planIdlePrefetch(tree, shown, (p) => folderPageCache.has(account, p))) {
        if (stopped() || document.visibilityState === "hidden") return;
        if (path === latest.current.current || folderPageCache.has(account, path)) continue;
        await prefetchFolderPage(account, path);
        if (!stopped()) await whenIdle();
      }
    })();
  }, [account, folders.length]);

  const timer = useRef<{ folder: string; id: ReturnType<typeof setTimeout> } | null>(null);
  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current.id);
    timer.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const ahead = useCallback(
    (folder: string | null) => {
      if (folder !== null && account && folder !== latest.current.current) void prefetchFolderPage(account, folder);
    },
    [account],
  );

  const onPointerOver = useCallback(
    (e: PointerEvent) => {
      // A touch's pointerover comes with its click: nothing to win.
      if (e.pointerType === "touch") return;
      const folder = folderOfTarget(e.target);
      if (timer.current?.folder === folder) return;
      cancel();
      if (folder === null) return;
      timer.current = { folder, id: setTimeout(() => {
        timer.current = null;
        ahead(folder);
      }, HOVER_MS) };
    },
    [ahead, cancel],
  );
  const onPointerOut = useCallback(
    (e: PointerEvent) => {
      // Moving between the icon and the name of the same link keeps the wait going.
      if (timer.current && folderOfTarget(e.relatedTarget) !== timer.current.folder) cancel();
    },
    [cancel],
  );
  const onFocus = useCallback((e: FocusEvent) => ahead(folderOfTarget(e.target)), [ahead]);
  // A press on a folder is the switch's start: its request leaves now, not at the click (a person's press
  // lasts ~100 ms). Only the plain primary press that will open it here (not a new tab, not a drag's).
  const onPointerDown = useCallback(
    (e: PointerEvent) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !account) return;
      const folder = folderOfTarget(e.target);
      if (folder === null) return;
      // The press supersedes the pointer's rest: no second ask once the switch has taken this answer.
      cancel();
      if (folder !== latest.current.current) startFolderPage(account, folder);
    },
    [account, cancel],
  );

  return { onPointerOver, onPointerOut, onFocus, onPointerDown };
}
