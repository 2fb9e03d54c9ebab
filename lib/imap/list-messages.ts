import "server-only";
import type { FetchMessageObject, FetchQueryObject, ImapFlow, MessageAddressObject, SearchObject } from "imapflow";
import type { Address, MessagePage, MessageSummary } from "@/lib/shared/types";
import type { ListOptions } from "@/lib/mail/store";
import { analyseStructure } from "@/lib/imap/body-structure";
import { searchCriteria } from "@/lib/imap/search-criteria";
import { decodeHeaderBlock, type DecodedHeaders } from "@/lib/mime/raw-headers";

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
  const firstPage = !opts.search && !opts.before;
  const cacheKey = `${account}\u0000${folder}\u0000${opts.limit}`;
  let validator: string | null = null;
  if (firstPage) {
    const cached = await cachedFirstPage(client, cacheKey, folder);
    if (cached.hit) return cached.hit;
    validator = cached.validator;
  }
  const page = await fetchPage(client, folder, opts);
  if (firstPage && validator && page.uidValidity === validator.split(":")[0]) rememberFirstPage(cacheKey, validator, page);
  return page;
}

async function fetchPage(client: ImapFlow, folder: string, opts: ListOptions): Promise<MessagePage> {
  const lock = await client.getMailboxLock(folder);
  try {
    const box = client.mailbox;
    const exists = box ? box.exists : 0;
    const uidValidity = box ? String(box.uidValidity) : "0";
    // The live stream resumes from here (lib/realtime/catch-up.ts). The connection's HIGHESTMODSEQ may
    // be older than the rows fetched below, never newer: a resume point may only err on the early side.
    const modseq = box && !box.noModseq ? box.highestModseq : undefined;
    const token = modseq ? `${uidValidity}:${modseq}` : undefined;
    const empty: MessagePage = { folder, uidValidity, token, total: 0, messages: [], nextCursor: null };

    let total = exists;
    let range: string;
    let byUid: boolean;
    let more: boolean;
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
    } else {
      if (exists === 0) return empty;
      range = `${Math.max(1, exists - opts.limit + 1)}:*`;
      byUid = false;
      more = exists > opts.limit;
    }

    const fetched = await client.fetchAll(range, SUMMARY_QUERY, { uid: byUid });
    const messages = fetched.map((m) => toSummary(m)).sort((a, b) => b.uid - a.uid).slice(0, opts.limit);
    const last = messages.at(-1);
    return { folder, uidValidity, token, total, messages, nextCursor: more && last ? last.uid : null };
  } finally {
    lock.release();
  }
}
