import "server-only";
import type { ImapFlow } from "imapflow";
import { Lru } from "@/lib/lru";
import type { MessageSummary } from "@/lib/shared/types";

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
