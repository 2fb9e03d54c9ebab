// Browser-safe and pure: list rows compared without JSON. Tested in folder-page-cache.test.ts.
import type { MessageSummary } from "@/lib/shared/types";

/**
 * The same rows, as the same objects in the same order. Rows are never changed in place (a flag change
 * makes a new row object), so this implies equal content; a false answer may still be equal content.
 */
export function sameRows(a: readonly MessageSummary[], b: readonly MessageSummary[]): boolean {
  return a === b || (a.length === b.length && a.every((m, i) => m === b[i]));
}
