import "server-only";
import { knowsFolderStates, type KnowsFolderStates, type MailStore, type SearchField } from "@/lib/mail/store";
import type { Folder } from "@/lib/shared/types";
import type { AllFoldersSearch, FolderHits } from "@/lib/shared/search-types";

export interface SearchAllLimits {
  /** The whole search stops after this long; folders not reached are reported. */
  deadlineMs: number;
  /** At most this many folders are searched. */
  maxFolders: number;
  /** Rows shown per folder; the folder's total is still counted. */
  perFolder: number;
}

// Where a person expects hits first: Inbox, then their own folders in sidebar order, Junk and Trash last.
function searchOrder(folders: Folder[]): Folder[] {
  const rank = (f: Folder) => (f.path.toUpperCase() === "INBOX" ? 0 : f.specialUse === "junk" || f.specialUse === "trash" ? 2 : 1);
  return folders.filter((f) => f.selectable && f.rights?.read !== false).sort((a, b) => rank(a) - rank(b));
}

class DeadlineReached extends Error {}

/**
 * Every folder's state in one command: a search repeated while a folder is unchanged is answered from
 * memory without waiting for a connection (lib/imap/search-cache.ts). Only worth a short wait: past
 * `ms` (or on any error) the search goes on without, and the request leaves the connection queue.
 */
async function statesWithin(store: MailStore & KnowsFolderStates, ms: number): Promise<Map<string, string> | null> {
  const giveUp = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([store.folderStates({ signal: giveUp.signal }), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    giveUp.abort();
  }
}

/**
 * "All folders": the folder search run in each folder in turn (one pooled connection, so the server is
 * not flooded), newest first within each, until the deadline or the folder cap; the answer says which
 * folders were not searched so the page can tell the person it stopped early.
 */
export async function searchAllFolders(store: MailStore, text: string, field: SearchField, limits: SearchAllLimits): Promise<AllFoldersSearch> {
  const started = Date.now();
  const order = searchOrder(await store.listFolders());
  const states = knowsFolderStates(store) ? await statesWithin(store, limits.deadlineMs / 4) : null;
  const capped = order.slice(0, limits.maxFolders);
  const groups: FolderHits[] = [];
  let searched = 0;
  let stoppedBy: AllFoldersSearch["stoppedBy"] = order.length > capped.length ? "cap" : null;
  // At the deadline the folder still searching is let go: if it waits for a connection (several
  // sessions of one account searching at once), it leaves the queue instead of running for nobody.
  const giveUp = new AbortController();
  for (const folder of capped) {
    const left = limits.deadlineMs - (Date.now() - started);
    if (left <= 0) {
      stoppedBy = "deadline";
      break;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const page = await Promise.race([
        store.listMessages(folder.path, { limit: limits.perFolder, search: { text, field }, signal: giveUp.signal, knownState: states?.get(folder.path) }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new DeadlineReached()), left))),
      ]);
      searched++;
      if (page.total > 0) groups.push({ folder: folder.path, total: page.total, ...(page.totalAtLeast ? { totalAtLeast: true as const } : {}), messages: page.messages });
    } catch (err) {
      if (err instanceof DeadlineReached) {
        giveUp.abort();
        stoppedBy = "deadline";
        break;
      }
      // One folder the server will not search (a vanished shared folder, say) does not sink the rest.
      searched++;
    } finally {
      clearTimeout(timer);
    }
  }
  const notSearched = order.slice(searched).map((f) => f.path);
  return { groups, searchedFolders: searched, totalFolders: order.length, stoppedBy: notSearched.length ? stoppedBy ?? "deadline" : null, notSearched: notSearched.slice(0, 50) };
}
