import "server-only";
import type { FetchMessageObject, FetchQueryObject, ImapFlow, MessageAddressObject, SearchObject } from "imapflow";
import type { Address, MessagePage, MessageSummary } from "@/lib/shared/types";
import type { ListOptions } from "@/lib/mail/store";
import { analyseStructure } from "@/lib/imap/body-structure";
import { searchCriteria } from "@/lib/imap/search-criteria";
import { decodeHeaderBlock, type DecodedHeaders } from "@/lib/mime/raw-headers";
import { fetchSnippets, SNIPPET_PART } from "@/lib/imap/snippets";
import { orderedUids } from "@/lib/imap/sort-messages";
import { DEFAULT_SORT, isDefaultSort, sortParam, type SortSpec } from "@/lib/shared/sort";

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

/*
 * The newest page of a folder is what every visit and every refresh asks for. It is kept per account
 * and folder and trusted only while the server's STATUS (UIDVALIDITY, UIDNEXT, MESSAGES and CONDSTORE's
 * HIGHESTMODSEQ) is unchanged: any new, removed or re-flagged message changes one of them. One STATUS
 * round trip then replaces SELECT + FETCH of 50 envelopes and body structures.
 */
const firstPages = ((globalThis as Record<string, unknown>).__mailroomFirstPages ??= new Map()) as Map<string, { validator: string; page: MessagePage }>;
const MAX_CACHED_PAGES = 500;

async function cachedFirstPage(client: ImapFlow, key: string, folder: string): Promise<{ hit: MessagePage | null; validator: string | null }> {
  // STATUS on the mailbox this connection has selected answers from the session's own view, which
  // learns of other sessions' changes only when synced (RFC 3501 6.3.10): sync it first with NOOP.
  if (client.mailbox && client.mailbox.path === folder) await client.noop();
  const st = await client.status(folder, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
  if (!st || !st.highestModseq) return { hit: null, validator: null }; // no CONDSTORE: flag changes would go unseen
  const validator = `${st.uidValidity}:${st.uidNext}:${st.messages}:${st.highestModseq}`;
  const cached = firstPages.get(key);
  return { hit: cached && cached.validator === validator ? cached.page : null, validator };
}

function rememberFirstPage(key: string, validator: string, page: MessagePage): void {
  if (firstPages.size >= MAX_CACHED_PAGES) firstPages.delete(firstPages.keys().next().value!);
  firstPages.set(key, { validator, page });
}

/**
 * Newest first, one page at a time by UID: the first page is the last `limit` sequence numbers (one
 * round trip); later pages search the UIDs below the cursor and fetch only the page's UIDs.
 */
export async function listMessages(client: ImapFlow, account: string, folder: string, opts: ListOptions): Promise<MessagePage> {
  const sorted = !!opts.sort && !isDefaultSort(opts.sort) && !opts.search;
  const firstPage = !opts.search && !opts.before && !opts.jump && !sorted;
  const cacheKey = `${account}\u0000${folder}\u0000${opts.limit}`;
  let validator: string | null = null;
  if (firstPage) {
    const cached = await cachedFirstPage(client, cacheKey, folder);
    if (cached.hit) return cached.hit;
    validator = cached.validator;
  }
  const page = await fetchPage(client, account, folder, sorted ? opts : { ...opts, sort: undefined });
  if (firstPage && validator && page.uidValidity === validator.split(":")[0]) rememberFirstPage(cacheKey, validator, page);
  return page;
}

/** The sequence number a jump's page ends at: the oldest page, or the newest message that arrived on or before the day. */
async function jumpEnd(client: ImapFlow, exists: number, limit: number, jump: NonNullable<ListOptions["jump"]>): Promise<number> {
  if (jump === "oldest") return Math.min(exists, limit);
  const next = new Date(`${jump.day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  // SEARCH BEFORE compares the arrival day (INTERNALDATE), which is what the list's order follows.
  const seqs = (await client.search({ before: next }, { uid: false })) || [];
  let end = 0;
  for (const s of seqs) if (s > end) end = s;
  // Servers differ at the boundary (Dovecot counts a message that arrived at exactly 00:00 of the next
  // day as BEFORE it): step back past the few that arrived on or after `next` (bounded).
  for (let i = 0; end > 0 && i < 20; i++) {
    const m = await client.fetchOne(String(end), { internalDate: true });
    const at = m && m.internalDate ? new Date(m.internalDate).getTime() : NaN;
    if (!(at >= next.getTime())) break;
    end--;
  }
  // Nothing that old: the oldest page is the nearest there is.
  return end || Math.min(exists, limit);
}

/** Where a jump starts in a sorted list: the last page, or the first row that arrived on or before the day. */
async function sortedJumpStart(client: ImapFlow, order: number[], limit: number, jump: NonNullable<ListOptions["jump"]>): Promise<number> {
  const last = Math.max(0, order.length - limit);
  if (jump === "oldest") return last;
  const next = new Date(`${jump.day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const before = new Set((await client.search({ before: next }, { uid: true })) || []);
  const i = order.findIndex((u) => before.has(u));
  return i < 0 ? last : i;
}

/** A page of the folder in `sort` order, or null when the folder cannot be sorted here (too big without SORT). */
async function sortedPage(client: ImapFlow, account: string, base: MessagePage, opts: ListOptions, sort: SortSpec): Promise<MessagePage | null> {
  const order = await orderedUids(client, account, sort);
  if (order === null) return null;
  const page: MessagePage = { ...base, total: order.length, sort: sortParam(sort) };
  let start = 0;
  if (opts.before) {
    // The cursor is the last row's UID; a cursor that left the folder ends the list (the next refresh re-reads it).
    const i = order.indexOf(opts.before);
    if (i < 0) return page;
    start = i + 1;
  } else if (opts.jump) start = await sortedJumpStart(client, order, opts.limit, opts.jump);
  const uids = order.slice(start, start + opts.limit);
  if (uids.length === 0) return page;
  const fetched = await client.fetchAll(uids.join(","), PAGE_QUERY, { uid: true });
  const snippets = await fetchSnippets(client, fetched);
  const rank = new Map(uids.map((u, i) => [u, i]));
  const messages = fetched.map((m) => withSnippet(toSummary(m), snippets.get(m.uid))).sort((a, b) => rank.get(a.uid)! - rank.get(b.uid)!);
  const more = start + opts.limit < order.length;
  return { ...page, messages, nextCursor: more ? uids.at(-1)! : null, ...(start ? { offset: start } : {}) };
}

async function fetchPage(client: ImapFlow, account: string, folder: string, opts: ListOptions): Promise<MessagePage> {
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
    let sortUnavailable = false;
    if (opts.sort) {
      const page = await sortedPage(client, account, empty, opts, opts.sort);
      if (page) return page;
      sortUnavailable = true;
    }

    let total = exists;
    let range: string;
    let byUid: boolean;
    let more: boolean;
    let offset = 0;
    if (opts.search || opts.before) {
      // A search counts every match; a plain older page only needs the UIDs below the cursor.
      const criteria: SearchObject = opts.search ? searchCriteria(opts.search.text, opts.search.field) : { uid: `1:${Math.max(1, (opts.before ?? 2) - 1)}` };
      if (!opts.search && opts.before !== undefined && opts.before <= 1) return { ...empty, total };
      const all = (await client.search(criteria, { uid: true })) || [];
      if (opts.search) total = all.length;
      const found = (opts.before ? all.filter((u) => u < opts.before!) : all).sort((a, b) => b - a);
      const page = found.slice(0, opts.limit);
      if (page.length === 0) return { ...empty, total };
      range = page.join(",");
      byUid = true;
      more = found.length > opts.limit;
    } else if (opts.jump) {
      if (exists === 0) return empty;
      // By sequence number, so the position needs no count: the page ends at `end`, exists − end rows are newer.
      const end = await jumpEnd(client, exists, opts.limit, opts.jump);
      range = `${Math.max(1, end - opts.limit + 1)}:${end}`;
      byUid = false;
      more = end > opts.limit;
      offset = exists - end;
    } else {
      if (exists === 0) return empty;
      range = `${Math.max(1, exists - opts.limit + 1)}:*`;
      byUid = false;
      more = exists > opts.limit;
    }

    const fetched = await client.fetchAll(range, PAGE_QUERY, { uid: byUid });
    const snippets = await fetchSnippets(client, fetched);
    const messages = fetched.map((m) => withSnippet(toSummary(m), snippets.get(m.uid))).sort((a, b) => b.uid - a.uid).slice(0, opts.limit);
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
