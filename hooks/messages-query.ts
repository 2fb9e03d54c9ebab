import type { MessagePage, MessageSummary } from "@/lib/shared/types";
import { sameRows } from "@/lib/shared/same-rows";

/*
 * What a message list asks for and what it hands the app (hooks/use-messages.ts): the query, the page
 * size, the state's shape and the list request's address. No React here: the click handlers that send a
 * switch's request before React renders (hooks/folder-page-fetch.ts) use the same address.
 */

export type SearchField = "all" | "from" | "subject" | "body";

export interface MessageQuery {
  folder: string;
  q: string;
  field: SearchField;
  /** Start at the oldest page or at a day (YYYY-MM-DD) instead of the newest (big folders, issue 12 point 7). */
  jump?: string | null;
}

export const PAGE_SIZE = 50;

export interface MessagesState {
  messages: MessageSummary[];
  total: number;
  /** `total` is a lower bound: more match (a search in a store that counts up to a cap). */
  totalAtLeast?: boolean;
  /** First page still loading. */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMoreError: string | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Re-reads the first page without clearing the list (new mail arriving); loaded older pages stay. */
  refresh: () => void;
  patchMessages: (uids: number[], patch: Partial<MessageSummary> | ((m: MessageSummary) => MessageSummary)) => void;
  removeMessages: (uids: number[]) => void;
  /** A message's flags as the server now has them; false when that message is not in the loaded list. */
  applyFlags: (uid: number, flags: string[]) => boolean;
  /** Newer messages before the first loaded row (after a jump); 0 from the top. */
  offset: number;
  /** The order the server applied ("date-desc"); undefined where the store cannot sort (POP3). */
  sort: string | undefined;
  /** The chosen order could not be applied to this folder (too big without server SORT). */
  sortUnavailable: boolean;
  /** Resume point of the first page loaded (live updates start from it). */
  token: string | undefined;
}

export interface MessagesStart {
  /** The signed-in account: the folder page cache (hooks/folder-page-cache.ts) holds one account's pages. */
  account?: string;
  /** The first page the server rendered with the page (issue 13 point 5): used once, without a request. */
  initial?: MessagePage | null;
}

export function pageUrl(query: MessageQuery, before: number | null): string {
  const params = new URLSearchParams({ folder: query.folder, limit: String(PAGE_SIZE) });
  if (before !== null) params.set("before", String(before));
  else if (query.jump && !query.q) params.set("jump", query.jump);
  if (query.q) {
    params.set("q", query.q);
    params.set("field", query.field);
  }
  return `/api/messages?${params.toString()}`;
}

/** Same rows with the same flags and the same total: a confirmed page that changes nothing on screen. */
export function samePage(a: MessagePage, b: MessagePage): boolean {
  return a.total === b.total && a.nextCursor === b.nextCursor && a.sort === b.sort && (sameRows(a.messages, b.messages) || JSON.stringify(a.messages) === JSON.stringify(b.messages));
}

/**
 * A fresh first page over a list with older pages loaded (a refresh after new mail or a change): the rows
 * after the fresh page's last row stay, since the person scrolled to them. Null when the fresh page is to
 * replace the list: it is the whole list (no cursor: rows loaded after it are gone), nothing older was
 * loaded, or it no longer meets the loaded rows.
 */
export function keepOlderRows(current: MessageSummary[], fresh: MessageSummary[], freshCursor: number | null): MessageSummary[] | null {
  const last = fresh.at(-1);
  if (freshCursor === null || !last || current.length <= fresh.length) return null;
  const at = current.findIndex((m) => m.uid === last.uid);
  if (at < 0) return null;
  const onPage = new Set(fresh.map((m) => m.uid));
  return [...fresh, ...current.slice(at + 1).filter((m) => !onPage.has(m.uid))];
}
