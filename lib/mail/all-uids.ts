import "server-only";
import type { MailStore } from "@/lib/mail/store";
import { searchesUids } from "@/lib/mail/store";
import { ALL_UIDS_MAX, type UidsResponse } from "@/lib/shared/bulk";

const PAGE = 200;

/**
 * A folder's UIDs (newest first), or its unread ones. IMAP answers with one UID SEARCH; the POP3 cache
 * is paged through its own list (local, cheap). Bounded either way by ALL_UIDS_MAX.
 */
export async function allUids(store: MailStore, folder: string, unseen: boolean): Promise<UidsResponse> {
  if (searchesUids(store)) {
    const uids = await store.searchUids(folder, { unseen });
    return { uids, capped: uids.length >= ALL_UIDS_MAX };
  }
  const uids: number[] = [];
  let before: number | undefined;
  for (let pages = 0; pages * PAGE < ALL_UIDS_MAX + PAGE; pages++) {
    const page = await store.listMessages(folder, { limit: PAGE, before });
    for (const m of page.messages) if (!unseen || !m.seen) uids.push(m.uid);
    if (page.nextCursor === null || uids.length >= ALL_UIDS_MAX) break;
    before = page.nextCursor;
  }
  return { uids: uids.slice(0, ALL_UIDS_MAX), capped: uids.length > ALL_UIDS_MAX };
}
