import "server-only";
import type { ImapFlow } from "imapflow";
import { Lru } from "@/lib/lru";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";

/** A finished folder search, kept to answer the same search again while the folder is unchanged. */
export interface CachedSearch {
  /** UIDVALIDITY:UIDNEXT:MESSAGES:HIGHESTMODSEQ when the search began. */
  validator: string;
  uidValidity: string;
  messages: MessageSummary[];
  total: number;
  nextCursor: number | null;
}

// Per account a few recent searches; across accounts a bound too (keys come from signed-in sessions).
// At most 500 × 10 pages of rows, each kept no longer than the TTL (a minute by default).
const PER_ACCOUNT = 10;
const ACCOUNTS = 500;

type Store = Lru<string, Lru<string, CachedSearch>>;
const g = globalThis as Record<string, unknown>;

function accounts(ttlMs: number): Store {
  const current = g.__mailroomSearchCache as { ttlMs: number; lru: Store } | undefined;
  if (current && current.ttlMs === ttlMs) return current.lru;
  const lru: Store = new Lru(ACCOUNTS, Math.max(1, ttlMs));
  g.__mailroomSearchCache = { ttlMs, lru };
  return lru;
}

export function searchKey(folder: string, text: string, field: string, limit: number): string {
  return [folder, field, String(limit), text].join("\u0000");
}

/**
 * The folder's state as STATUS tells it, or null when the server cannot tell flag changes (no
 * CONDSTORE): then nothing is cached, since a message marked read elsewhere would go unseen.
 */
export async function folderValidator(client: ImapFlow, folder: string): Promise<string | null> {
  // STATUS on the mailbox this connection has selected answers from the session's own view, which
  // learns of other sessions' changes only when synced (RFC 3501 6.3.10): sync it first with NOOP.
  if (client.mailbox && client.mailbox.path === folder) await client.noop();
  const st = await client.status(folder, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
  if (!st || !st.highestModseq) return null;
  return `${st.uidValidity}:${st.uidNext}:${st.messages}:${st.highestModseq}`;
}

/**
 * Every folder's state in one command (LIST-STATUS, RFC 5819), in folderValidator's form: what an
 * all-folders search checks its kept pages against before asking for any connection. The connection's
 * selected mailbox is synced first (NOOP), as for STATUS. Folders the server gives no HIGHESTMODSEQ
 * for are left out (nothing of theirs is kept).
 */
export async function folderValidators(client: ImapFlow): Promise<Map<string, string>> {
  if (client.mailbox) await client.noop();
  const entries = await client.list({ statusQuery: { messages: true, uidNext: true, uidValidity: true, highestModseq: true } });
  const out = new Map<string, string>();
  for (const e of entries) {
    const st = e.status;
    if (st && st.highestModseq && st.uidValidity !== undefined && st.uidNext !== undefined && st.messages !== undefined) {
      out.set(e.path, `${st.uidValidity}:${st.uidNext}:${st.messages}:${st.highestModseq}`);
    }
  }
  return out;
}

export function cachedSearch(account: string, key: string, validator: string, ttlMs: number): CachedSearch | null {
  if (ttlMs <= 0) return null;
  const hit = accounts(ttlMs).get(account)?.get(key);
  return hit && hit.validator === validator ? hit : null;
}

export function rememberSearch(account: string, key: string, entry: CachedSearch, ttlMs: number): void {
  if (ttlMs <= 0) return;
  const all = accounts(ttlMs);
  const mine = all.get(account) ?? new Lru<string, CachedSearch>(PER_ACCOUNT, ttlMs);
  mine.set(key, entry);
  all.set(account, mine);
}

/*
 * Pages of searches through the list route (the list's search box, and each folder of an "all
 * folders" search): the same rule (same search, folder unchanged per STATUS, within the TTL), one
 * bound across accounts since an all-folders search fills one entry per folder. Pages over 50 rows are
 * not kept, so the bound is some 600 × 50 rows (~20 MB) whatever the traffic.
 */
const PAGES_MAX = 600;
const PAGE_ROWS_MAX = 50;

function searchPages(ttlMs: number): Lru<string, { validator: string; page: MessagePage }> {
  const current = g.__mailroomSearchPages as { ttlMs: number; lru: Lru<string, { validator: string; page: MessagePage }> } | undefined;
  if (current && current.ttlMs === ttlMs) return current.lru;
  const lru = new Lru<string, { validator: string; page: MessagePage }>(PAGES_MAX, Math.max(1, ttlMs));
  g.__mailroomSearchPages = { ttlMs, lru };
  return lru;
}

export function cachedSearchPage(account: string, key: string, validator: string, ttlMs: number): MessagePage | null {
  if (ttlMs <= 0) return null;
  const hit = searchPages(ttlMs).get(`${account}\u0000${key}`);
  return hit && hit.validator === validator ? hit.page : null;
}

export function rememberSearchPage(account: string, key: string, validator: string, page: MessagePage, ttlMs: number): void {
  if (ttlMs <= 0 || page.messages.length > PAGE_ROWS_MAX) return;
  searchPages(ttlMs).set(`${account}\u0000${key}`, { validator, page });
}
