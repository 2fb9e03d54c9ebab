import "server-only";
import type { ImapFlow } from "imapflow";
import { Lru } from "@/lib/lru";
import type { MessagePage } from "@/lib/shared/types";

/*
 * Listed pages kept on the server (issue 13 point 8), any page of the list: the newest, an older one
 * by cursor, a jump, a sorted one. A page is trusted only against the folder's STATUS:
 *  - UIDVALIDITY, UIDNEXT and MESSAGES unchanged means the same set of messages (every APPEND takes a
 *    new UID, every EXPUNGE lowers the count, so any mix of the two moves one of them);
 *  - with that, an unchanged HIGHESTMODSEQ (CONDSTORE, RFC 7162) means nothing about them changed: the
 *    page is served without a FETCH. A changed one means flags changed somewhere: one
 *    UID FETCH (FLAGS) (CHANGEDSINCE m) of the page's own UIDs answers only with the rows that changed.
 *  - anything else (a new or removed message shifts every page after it) re-reads the page.
 * A server without CONDSTORE has no HIGHESTMODSEQ, so a flag change would go unseen: nothing is cached.
 */

export interface FolderState {
  uidValidity: string;
  uidNext: number;
  exists: number;
  /** HIGHESTMODSEQ; null without CONDSTORE. */
  modseq: bigint | null;
}

interface Entry {
  /** uidValidity:uidNext:exists when the page was read. */
  set: string;
  modseq: bigint;
  page: MessagePage;
}

// A page of 50 rows is some 50 KB; 300 of them bound the cache near 15 MB whatever the traffic.
const MAX_PAGES = 300;
const TTL_MS = 10 * 60_000;
const pages = ((globalThis as Record<string, unknown>).__mailroomPageCache ??= new Lru<string, Entry>(MAX_PAGES, TTL_MS)) as Lru<string, Entry>;

export const setKey = (s: FolderState): string => `${s.uidValidity}:${s.uidNext}:${s.exists}`;

/**
 * The folder as the server has it now. STATUS on the mailbox this connection has selected answers from
 * the session's own view, which learns of other sessions' changes only when synced (RFC 3501 6.3.10):
 * NOOP first.
 */
export async function folderState(client: ImapFlow, folder: string): Promise<FolderState | null> {
  if (client.mailbox && client.mailbox.path === folder) await client.noop();
  const st = await client.status(folder, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
  if (!st || st.uidValidity === undefined || st.uidNext === undefined || st.messages === undefined) return null;
  return { uidValidity: String(st.uidValidity), uidNext: st.uidNext, exists: st.messages, modseq: st.highestModseq ? BigInt(st.highestModseq) : null };
}

const cacheKey = (account: string, folder: string, page: string) => `${account}\u0000${folder}\u0000${page}`;

function withToken(page: MessagePage, state: FolderState): MessagePage {
  // The rows are at least as new as this HIGHESTMODSEQ: the live stream may resume from it.
  return page.token ? { ...page, token: `${state.uidValidity}:${state.modseq}` } : page;
}

/** The page from the cache, brought up to date with CHANGEDSINCE when only flags changed; null: read it. */
export async function cachedPage(client: ImapFlow, account: string, folder: string, page: string, state: FolderState): Promise<MessagePage | null> {
  if (state.modseq === null) return null;
  const key = cacheKey(account, folder, page);
  const entry = pages.get(key);
  if (!entry || entry.set !== setKey(state)) return null;
  if (entry.modseq === state.modseq) return withToken(entry.page, state);
  if (entry.page.messages.length === 0 || state.modseq < entry.modseq) return null;
  const changed = await changedFlags(client, folder, entry.page.messages.map((m) => m.uid), entry.modseq);
  if (!changed) return null;
  const messages = entry.page.messages.map((m) => {
    const flags = changed.get(m.uid);
    return flags ? { ...m, seen: flags.has("\\Seen"), flagged: flags.has("\\Flagged"), answered: flags.has("\\Answered") } : m;
  });
  const fresh = { ...entry.page, messages };
  pages.set(key, { set: entry.set, modseq: state.modseq, page: fresh });
  return withToken(fresh, state);
}

/** FLAGS of the page's rows changed since `modseq`; null when the server cannot say (then: read the page). */
async function changedFlags(client: ImapFlow, folder: string, uids: number[], modseq: bigint): Promise<Map<number, Set<string>> | null> {
  const lock = await client.getMailboxLock(folder);
  try {
    const box = client.mailbox;
    if (!box || box.noModseq || !client.enabled.has("CONDSTORE")) return null;
    const rows = await client.fetchAll(uids.join(","), { uid: true, flags: true }, { uid: true, changedSince: modseq });
    return new Map(rows.map((r) => [r.uid, r.flags ?? new Set<string>()]));
  } finally {
    lock.release();
  }
}

/** Keeps a page read at `state` (taken before the read, so the page can only be newer than it says). */
export function rememberPage(account: string, folder: string, page: string, state: FolderState, read: MessagePage): void {
  if (state.modseq === null || read.uidValidity !== state.uidValidity) return;
  pages.set(cacheKey(account, folder, page), { set: setKey(state), modseq: state.modseq, page: read });
}
