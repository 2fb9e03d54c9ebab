"use client";

import { useCallback, useState } from "react";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { sortParam, type SortSpec } from "@/lib/shared/sort";

/**
 * The Sort menu's action (issue 12 point 3): the choice is stored on the server for this folder, then
 * the list reloads, and GET /api/messages applies it (in every browser of the account).
 */
export function useFolderSort(folder: string, reload: () => void, notify: (message: string, tone?: "info" | "error") => void) {
  const [saving, setSaving] = useState(false);
  const choose = useCallback(
    async (sort: SortSpec) => {
      setSaving(true);
      try {
        await apiFetch("/api/folder-sort", { method: "PUT", json: { folder, sort: sortParam(sort) } });
        reload();
      } catch (err) {
        notify(`The order could not be changed. ${errorMessage(err)}`, "error");
      } finally {
        setSaving(false);
      }
    },
    [folder, reload, notify],
  );
  return { choose, saving };
}
