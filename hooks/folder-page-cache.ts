"use client";

import { FolderPageCache } from "@/lib/shared/folder-page-cache";

/** The tab's one cache of recently shown folders' first pages (issue 13 point 6). */
export const folderPageCache = new FolderPageCache();

const onClear = new Set<() => void>();

/** Whatever else holds this account's pages in the tab (hooks/folder-page-fetch.ts) is cleared with it. */
export function onFolderPageCacheClear(fn: () => void): void {
  onClear.add(fn);
}

/** Sign-out: nothing of this account stays in the tab. */
export function clearFolderPageCache(): void {
  folderPageCache.clear();
  for (const fn of onClear) fn();
}
