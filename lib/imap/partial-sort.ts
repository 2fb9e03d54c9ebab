import "server-only";
import type { ImapFlow } from "imapflow";
import { Lru } from "@/lib/lru";
import { esort, expandOrdered, hasPartialSort } from "@/lib/imap/esort";
import { cachedOrder, sortCriteria } from "@/lib/imap/sort-messages";
import { sortParam, type SortSpec } from "@/lib/shared/sort";

/*
 * A sorted page without the whole order, where the server announces PARTIAL for SORT (lib/imap/esort.ts):
 * the first page is UID SORT RETURN (PARTIAL 1:50 COUNT). The page after a cursor needs the cursor's
 * position in the order, which only the page that showed it knows, so each page served remembers where
 * its last row stands, keyed by the folder's STATUS (any new or removed message forgets it). A cursor
 * not remembered, a jump, or an order already kept whole: the full order (lib/imap/sort-messages.ts).
 */
const positions = ((globalThis as Record<string, unknown>).__mailroomSortPositions ??= new Lru<string, number>(2000, 10 * 60_000)) as Lru<string, number>;

export interface PartialPage {
  uids: number[];
  /** Position of the first row in the order (0-based). */
  start: number;
  total: number;
}

/** `set`: the folder's STATUS (uidvalidity:uidnext:exists) just read; null: no partial page. */
export async function partialSortPage(client: ImapFlow, account: string, s: SortSpec, set: string | null, before: number | undefined, limit: number): Promise<PartialPage | null> {
  const path = client.mailbox ? client.mailbox.path : null;
  if (!set || !path || !client.capabilities.has("SORT") || !hasPartialSort(client) || cachedOrder(client, account, s, set)) return null;
  const key = (uid: number) => `${account}\u0000${path}\u0000${sortParam(s)}\u0000${set}\u0000${uid}`;
  let start = 0;
  if (before !== undefined) {
    const known = positions.get(key(before));
    if (known === undefined) return null;
    start = known;
  }
  const answer = await esort(client, sortCriteria(client, s), ["PARTIAL", `${start + 1}:${start + limit}`, "COUNT"]);
  // Refused, or an answer without the page: the whole order instead.
  if (!answer || answer.partial === null || answer.count === null) return null;
  const uids = expandOrdered(answer.partial, limit);
  if (uids.length) positions.set(key(uids.at(-1)!), start + uids.length);
  return { uids, start, total: answer.count };
}
