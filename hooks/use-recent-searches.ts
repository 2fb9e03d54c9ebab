"use client";

import { useCallback, useState } from "react";
import { apiFetch } from "@/hooks/use-api";
import type { RecentSearches } from "@/lib/shared/search-types";

/** The account's recent searches (kept by the server, so every browser offers the same ones). */
export function useRecentSearches() {
  const [searches, setSearches] = useState<string[]>([]);

  const load = useCallback(() => {
    apiFetch<RecentSearches>("/api/search/recent")
      .then((r) => setSearches(r.searches))
      .catch(() => {
        // Suggestions are a convenience: without them the search box still works.
      });
  }, []);

  const remember = useCallback((q: string) => {
    apiFetch<RecentSearches>("/api/search/recent", { method: "POST", json: { q } })
      .then((r) => setSearches(r.searches))
      .catch(() => {});
  }, []);

  const clear = useCallback(() => {
    setSearches([]);
    apiFetch<RecentSearches>("/api/search/recent", { method: "DELETE" }).catch(() => {});
  }, []);

  return { searches, load, remember, clear };
}
