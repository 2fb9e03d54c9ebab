import "server-only";
import type { MailStore } from "@/lib/mail/store";
import type { Address } from "@/lib/shared/types";

interface Ranked {
  name: string;
  address: string;
  score: number;
}

// Per account, for a few minutes: autocomplete asks on every keystroke, the mail server once in a while.
const TTL_MS = 5 * 60_000;
// Accounts whose lists are kept (least recently asked go first): each list can be thousands of addresses.
const MAX_ACCOUNTS = 500;
const cache = ((globalThis as Record<string, unknown>).__mailroomContacts ??= new Map<string, { at: number; list: Promise<Ranked[]> }>()) as Map<
  string,
  { at: number; list: Promise<Ranked[]> }
>;

/** Ranks by how often and how recently; one entry per address, with the latest non-empty name. */
export function rankAddresses(all: Address[], me: string): Ranked[] {
  const by = new Map<string, Ranked>();
  all.forEach((a, i) => {
    const key = a.address.toLowerCase();
    if (!key || key === me.toLowerCase()) return;
    const r = by.get(key) ?? { name: "", address: a.address, score: 0 };
    r.score += 1 + i / Math.max(all.length, 1);
    if (a.name) r.name = a.name;
    by.set(key, r);
  });
  return [...by.values()].sort((a, b) => b.score - a.score);
}

export async function searchContacts(account: string, store: MailStore, query: string, limit = 8): Promise<Address[]> {
  const key = account.toLowerCase();
  let hit = cache.get(key);
  if (!hit || Date.now() - hit.at > TTL_MS) {
    hit = { at: Date.now(), list: store.recentAddresses().then((all) => rankAddresses(all, account)) };
    hit.list.catch(() => cache.delete(key));
  }
  cache.delete(key); // re-insert: Map order is recency order
  cache.set(key, hit);
  for (const [k, e] of cache) {
    if (cache.size <= MAX_ACCOUNTS && Date.now() - e.at <= TTL_MS) break;
    if (k !== key) cache.delete(k);
    else break;
  }
  const q = query.trim().toLowerCase();
  const list = await hit.list;
  return list
    .filter((r) => !q || r.address.toLowerCase().includes(q) || r.name.toLowerCase().includes(q))
    .slice(0, limit)
    .map(({ name, address }) => ({ name, address }));
}

/** Accounts with a kept list (tests). */
export function contactsCacheSize(): number {
  return cache.size;
}

/** After sending, the new recipients should be suggested at once. */
export function forgetContacts(account: string): void {
  cache.delete(account.toLowerCase());
}
