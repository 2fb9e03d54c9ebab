import "server-only";
import type { FetchMessageObject, FetchQueryObject, ImapFlow, MessageAddressObject, SearchObject } from "imapflow";
import type { Address, MessagePage, MessageSummary } from "@/lib/shared/types";
import type { ListOptions } from "@/lib/mail/store";
import { analyseStructure } from "@/lib/imap/body-structure";
import { searchCriteria } from "@/lib/imap/search-criteria";
import { decodeHeaderBlock, type DecodedHeaders } from "@/lib/mime/raw-headers";
import { fetchSnippets, SNIPPET_PART } from "@/lib/imap/snippets";
import { cachedPage, folderState, rememberPage, setKey, type FolderState } from "@/lib/imap/page-cache";
import { lastSeqBefore, seqBelow } from "@/lib/imap/seq-position";
import { dayAfter, sortedPage, type FetchRows } from "@/lib/imap/sorted-page";
import { DEFAULT_SORT, isDefaultSort, sortParam } from "@/lib/shared/sort";
import { cachedSearchPage, folderValidator, rememberSearchPage, searchKey } from "@/lib/imap/search-cache";
import { env } from "@/lib/env";

// The raw address and subject fields ride along (a few hundred bytes a row): ENVELOPE reads 8-bit
// header bytes as UTF-8 (U+FFFD for Latin-1) and keeps only one of several From headers.
export const SUMMARY_QUERY: FetchQueryObject = {
  uid: true, flags: true, envelope: true, size: true, bodyStructure: true, internalDate: true,
  headers: ["from", "subject", "to", "cc", "reply-to"],
};

export function toAddress(a: MessageAddressObject | undefined): Address | null {
  if (!a || (!a.address && !a.name)) return null;
  return { name: a.name ?? "", address: a.address ?? "" };
}

export function toAddresses(list: MessageAddressObject[] | undefined): Address[] {
  return (list ?? []).map(toAddress).filter((a): a is Address => a !== null);
}

/** The raw header fields, decoded, when they carry 8-bit bytes, punycode domains or several From headers; null when ENVELOPE tells it right. */
export function rawHeaders(msg: FetchMessageObject): DecodedHeaders | null {
  if (!msg.headers?.length) return null;
  const structure = analyseStructure(msg.bodyStructure);
  // The body's declared charset is the sender's charset: the first guess for undeclared header bytes.
  const hint = (structure.text ?? structure.html)?.parameters?.charset ?? null;
  const raw = decodeHeaderBlock(msg.headers, hint);
  return raw.eightBit || raw.punycode || raw.fromHeaders > 1 ? raw : null;
}

export function toSummary(msg: FetchMessageObject, raw: DecodedHeaders | null = rawHeaders(msg)): MessageSummary {
  const flags = msg.flags ?? new Set<string>();
  const env = msg.envelope;
  // A malformed Date header ("Date: Malformed Date.") parses to an invalid date; fall back to the arrival time
  // rather than throw, which took the whole folder listing down.
  const date = [env?.date, msg.internalDate].map((d) => (d ? new Date(d) : null)).find((d) => d && Number.isFinite(d.getTime()));
  return {
    uid: msg.uid,
    subject: raw?.subject ?? env?.subject ?? "",
    from: raw?.from[0] ?? toAddress(env?.from?.[0]),
    to: raw?.to ?? toAddresses(env?.to),
    ...(raw && (raw.fromHeaders > 1 || raw.from.length > 1) ? { fromAll: raw.from, fromHeaders: raw.fromHeaders } : {}),
    date: (date ?? new Date(0)).toISOString(),
    size: msg.size ?? 0,
    seen: flags.has("\\Seen"),
    flagged: flags.has("\\Flagged"),
    answered: flags.has("\\Answered"),
    hasAttachments: analyseStructure(msg.bodyStructure).attachments.length > 0,
  };
}

function withSnippet(s: MessageSummary, snippet: string | undefined): MessageSummary {
  return snippet ? { ...s, snippet } : s;
}

/** A list page's FETCH: the summary, and the start of part 1 for the row's snippet (lib/imap/snippets.ts). */
const PAGE_QUERY: FetchQueryObject = { ...SUMMARY_QUERY, bodyParts: [SNIPPET_PART] };

/** What identifies a page within its folder, for the page cache; null: not cached (a search). */
function pageKey(opts: ListOptions, sorted: boolean): string | null {
  if (opts.search) return null;
  const jump = opts.jump === undefined ? "" : opts.jump === "oldest" ? "oldest" : opts.jump.day;
  return `${opts.limit}:${sorted && opts.sort ? sortParam(opts.sort) : "arrival-desc"}:${opts.before ?? ""}:${jump}`;
}

/**
 * Newest first by default: every page is a sequence range (EXISTS−offset−size+1 … EXISTS−offset), found
 * without listing the folder's UIDs (lib/imap/seq-position.ts), and kept in the page cache while the
 * folder's STATUS says nothing changed (lib/imap/page-cache.ts). Searches read the server each time.
 */
export async function listMessages(client: ImapFlow, account: string, folder: string, opts: ListOptions): Promise<MessagePage> {
  if (opts.search) return searchPage(client, account, folder, { ...opts, search: opts.search });
  const sorted = !!opts.sort && !isDefaultSort(opts.sort) && !opts.search;
  const key = pageKey(opts, sorted);
  const state = key ? await folderState(client, folder) : null;
  if (key && state) {
    const hit = await cachedPage(client, account, folder, key, state);
    if (hit) return hit;
  }
  const page = await fetchPage(client, account, folder, sorted ? opts : { ...opts, sort: undefined }, state);
  if (key && state) rememberPage(account, folder, key, state, page);
  return page;
}

const searchPageKey = (folder: string, opts: ListOptions & { search: NonNullable<ListOptions["search"]> }) =>
  `${searchKey(folder, opts.search.text, opts.search.field, opts.limit)}\u0000${opts.before ?? ""}`;

/** A kept search page for a folder whose state the caller has just read (folderValidators): no connection needed. */
export function knownSearchPage(account: string, folder: string, opts: ListOptions, state: string): MessagePage | null {
  return opts.search ? cachedSearchPage(account, searchPageKey(folder, { ...opts, search: opts.search }), state, env().SEARCH_CACHE_TTL_MS) : null;
}

/**
 * A search page, answered from memory when the same search ran within SEARCH_CACHE_TTL_MS and STATUS
 * shows the folder unchanged (UIDNEXT, MESSAGES and HIGHESTMODSEQ: no message added, removed or
 * re-flagged): one STATUS instead of SEARCH and two FETCHes. Without CONDSTORE nothing is kept.
 */
async function searchPage(client: ImapFlow, account: string, folder: string, opts: ListOptions & { search: NonNullable<ListOptions["search"]> }): Promise<MessagePage> {
  const ttl = env().SEARCH_CACHE_TTL_MS;
  // Taken before the search, so a kept page can only be newer than its validator says.
  const validator = ttl > 0 ? await folderValidator(client, folder) : null;
  const key = searchPageKey(folder, opts);
  const hit = validator ? cachedSearchPage(account, key, validator, ttl) : null;
  if (hit) return hit;
  const page = await fetchPage(client, account, folder, { ...opts, sort: undefined }, null);
  if (validator && validator.startsWith(`${page.uidValidity}:`)) rememberSearchPage(account, key, validator, page, ttl);
  return page;
}

/** The sequence number a jump's page ends at: the oldest page, or the newest message that arrived on or before the day. */
async function jumpEnd(client: ImapFlow, exists: number, limit: number, jump: NonNullable<ListOptions["jump"]>): Promise<number> {
  if (jump === "oldest") return Math.min(exists, limit);
  const next = dayAfter(jump.day);
  // SEARCH BEFORE compares the arrival day (INTERNALDATE), which is what the list's order follows.
  let end = await lastSeqBefore(client, next, exists);
  // Servers differ at the boundary (Dovecot counts a message that arrived at exactly 00:00 of the next
  // day as BEFORE it): step back past the few that arrived on or after `next` (bounded, one FETCH).
  if (end > 0) {
    const tail = await client.fetchAll(`${Math.max(1, end - 19)}:${end}`, { internalDate: true }, { uid: false });
    const at = new Map(tail.map((m) => [m.seq, m.internalDate ? new Date(m.internalDate).getTime() : NaN]));
    for (let i = 0; end > 0 && i < 20 && at.get(end)! >= next.getTime(); i++) end--;
  }
  // Nothing that old: the oldest page is the nearest there is.
  return end || Math.min(exists, limit);
}

async function fetchPage(client: ImapFlow, account: string, folder: string, opts: ListOptions, state: FolderState | null): Promise<MessagePage> {
  const lock = await client.getMailboxLock(folder);
  try {
    const box = client.mailbox;
    const exists = box ? box.exists : 0;
    const uidValidity = box ? String(box.uidValidity) : "0";
    // The live stream resumes from here (lib/realtime/catch-up.ts). The connection's HIGHESTMODSEQ may
    // be older than the rows fetched below, never newer: a resume point may only err on the early side.
    const modseq = box && !box.noModseq ? box.highestModseq : undefined;
    const token = modseq ? `${uidValidity}:${modseq}` : undefined;
    const empty: MessagePage = { folder, uidValidity, token, total: 0, messages: [], nextCursor: null, sort: sortParam(DEFAULT_SORT) };
    const rows: FetchRows = async (range, byUid) => {
      const fetched = await client.fetchAll(range, PAGE_QUERY, { uid: byUid });
      const snippets = await fetchSnippets(client, fetched);
      return fetched.map((m) => withSnippet(toSummary(m), snippets.get(m.uid)));
    };
    let sortUnavailable = false;
    if (opts.sort) {
      const set = state && state.uidValidity === uidValidity ? setKey(state) : null;
      const page = await sortedPage(client, account, { ...empty, total: exists }, opts, opts.sort, exists, set, rows);
      if (page) return page;
      sortUnavailable = true;
    }

    let total = exists;
    let range: string;
    let byUid = false;
    let more: boolean;
    let offset = 0;
    // Sequence numbers of the page's ends, newest last; null: the server could only tell by UID SEARCH.
    const end = opts.search ? null : opts.before !== undefined ? await seqBelow(client, opts.before) : opts.jump ? (exists ? await jumpEnd(client, exists, opts.limit, opts.jump) : 0) : exists;
    if (end !== null) {
      if (end === 0) return { ...empty, total };
      // By sequence number, so the position needs no count: the page ends at `end`, exists − end rows are newer.
      range = `${Math.max(1, end - opts.limit + 1)}:${opts.before || opts.jump ? end : "*"}`;
      more = end > opts.limit;
      if (opts.jump) offset = exists - end;
    } else {
      // A search counts every match; an older page whose cursor left the folder, on a server without
      // ESEARCH, needs the UIDs below the cursor.
      const criteria: SearchObject = opts.search ? searchCriteria(opts.search.text, opts.search.field) : { uid: `1:${Math.max(1, (opts.before ?? 2) - 1)}` };
      const all = (await client.search(criteria, { uid: true })) || [];
      if (opts.search) total = all.length;
      const found = (opts.before ? all.filter((u) => u < opts.before!) : all).sort((a, b) => b - a);
      const page = found.slice(0, opts.limit);
      if (page.length === 0) return { ...empty, total };
      range = page.join(",");
      byUid = true;
      more = found.length > opts.limit;
    }

    // A message removed meanwhile shifts sequence numbers down: the cursor's own row may slip into the
    // range, and is dropped; the row that slipped out starts the next page (the cursor is a UID).
    const messages = (await rows(range, byUid))
      .filter((m) => opts.before === undefined || m.uid < opts.before)
      .sort((a, b) => b.uid - a.uid)
      .slice(0, opts.limit);
    const last = messages.at(-1);
    return {
      folder, uidValidity, token, total, messages, nextCursor: more && last ? last.uid : null, sort: sortParam(DEFAULT_SORT),
      ...(offset ? { offset } : {}),
      ...(sortUnavailable ? { sortUnavailable } : {}),
    };
  } finally {
    lock.release();
  }
}
