"use client";

import { useHydrated } from "@/hooks/use-hydrated";
import { formatListDate } from "@/components/mail/format";

/** A row's date in the reader's time zone; empty in the server's render (filled in right after hydration). */
export function useListDate(iso: string): string {
  return useHydrated() ? formatListDate(iso) : "";
}
