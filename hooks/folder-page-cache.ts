"use client";

import { FolderPageCache } from "@/lib/shared/folder-page-cache";

/** The tab's one cache of recently shown folders' first pages (issue 13 point 6). */
export const folderPageCache = new FolderPageCache();

/** Sign-out: nothing of this account stays in the tab. */
export function clearFolderPageCache(): void {
  folderPageCache.clear();
}
