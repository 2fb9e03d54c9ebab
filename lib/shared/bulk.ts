/*
 * "Select all N in this folder" and "Mark all as read" (issue 12 point 4): the client asks for the
 * folder's UIDs once (one UID SEARCH), then sends the action in batches it can show progress for.
 * Both numbers bound the work: one request never names more than BULK_BATCH messages, and a folder
 * larger than ALL_UIDS_MAX is acted on in its newest ALL_UIDS_MAX (the UI says so).
 */
export const ALL_UIDS_MAX = 50_000;
export const BULK_BATCH = 500;

/** GET /api/messages/uids */
export interface UidsResponse {
  uids: number[];
  /** True when the folder held more than ALL_UIDS_MAX matches (only the newest are listed). */
  capped: boolean;
}

/** Splits UIDs into request-sized batches, in order. */
export function batches<T>(items: readonly T[], size = BULK_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
