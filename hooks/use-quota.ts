"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/hooks/use-api";
import type { QuotaInfo } from "@/lib/shared/quota";

/** The account's quota (GET /api/quota); null while unknown and when the server has no QUOTA. */
export function useQuota(enabled: boolean) {
  const [quota, setQuota] = useState<QuotaInfo | null>(null);
  const reload = useCallback(async () => {
    try {
      setQuota((await apiFetch<{ quota: QuotaInfo | null }>("/api/quota")).quota);
    } catch {
      // The bar is extra: without an answer it stays hidden and the mail works as before.
    }
  }, []);
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);
  return { quota, reload };
}
