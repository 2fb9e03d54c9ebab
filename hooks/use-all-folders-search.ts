"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, errorMessage, isAbort } from "@/hooks/use-api";
import type { SearchField } from "@/hooks/use-messages";
import type { AllFoldersSearch } from "@/lib/shared/search-types";

export interface AllFoldersState {
  result: AllFoldersSearch | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/** "All folders" results for a search; nothing is asked while `enabled` is false. */
export function useAllFoldersSearch(q: string, field: SearchField, enabled: boolean): AllFoldersState {
  const [result, setResult] = useState<AllFoldersSearch | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    if (!enabled || !q) {
      setResult(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    setResult(null);
    const params = new URLSearchParams({ q, field });
    apiFetch<AllFoldersSearch>(`/api/search?${params.toString()}`, { signal: controller.signal })
      .then(setResult)
      .catch((err) => {
        if (!isAbort(err)) setError(errorMessage(err));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [q, field, enabled, reloadKey]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  return { result, loading, error, reload };
}
