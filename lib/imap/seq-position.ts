import "server-only";
import type { ESearchResult, ImapFlow, SearchObject } from "imapflow";

/*
 * Where a page sits in a big folder, without reading the folder's UIDs (issue 13 point 8). Sequence
 * numbers follow UID order, so "the newest message below UID u" and "the newest message that arrived
 * before a day" are single sequence numbers: the cursor's own sequence number comes from a one-message
 * UID FETCH, and ESEARCH (RFC 4731) answers the rest with RETURN (MAX) in a few bytes. Servers without
 * ESEARCH get bounded work instead: SEARCHes over windows of sequence numbers from the newest down.
 * Which path runs follows the server's CAPABILITY, never an assumption about our Dovecot.
 */

export const hasEsearch = (client: ImapFlow): boolean => client.capabilities.has("ESEARCH");

/** RETURN (…) of a SEARCH on a server that announced ESEARCH; null when the server refused it. */
async function esearch(client: ImapFlow, query: SearchObject, ret: ("MIN" | "MAX" | "COUNT" | "ALL")[], uid = false): Promise<ESearchResult | null> {
  const r = await client.search(query, { uid, returnOptions: ret });
  return r && !Array.isArray(r) ? r : null;
}

/**
 * The sequence number of the newest message with a UID below `before` (0: none), or null when this
 * server can only tell by listing UIDs (no ESEARCH and the cursor's own message is gone).
 */
export async function seqBelow(client: ImapFlow, before: number): Promise<number | null> {
  if (before <= 1) return 0;
  // The cursor is the last row the browser showed: its own sequence number is a UID FETCH of one
  // message, a lookup for the server (Dovecot evaluates SEARCH UID 1:n message by message: ~45 ms
  // at 100,000 messages, against ~4 ms for this).
  const m = await client.fetchOne(String(before), { uid: true }, { uid: true });
  if (m && m.uid === before) return m.seq - 1;
  if (hasEsearch(client)) {
    const r = await esearch(client, { uid: `1:${before - 1}` }, ["MAX"]);
    if (r) return r.max ?? 0;
  }
  return null;
}

const WINDOW = 512;

/**
 * The sequence number of the newest message that arrived before `next` (SEARCH BEFORE: INTERNALDATE's
 * day), 0 when none did. Without ESEARCH: SEARCH windows of sequence numbers from the newest down,
 * doubling, so a recent day costs one small answer and a day years back a few.
 */
export async function lastSeqBefore(client: ImapFlow, next: Date, exists: number): Promise<number> {
  if (hasEsearch(client)) {
    const r = await esearch(client, { before: next }, ["MAX"]);
    if (r) return r.max ?? 0;
  }
  return windowedSearch(client, next, exists, true);
}

/** SEARCH BEFORE over doubling windows of sequence numbers, from the newest (or oldest) end. */
async function windowedSearch(client: ImapFlow, next: Date, exists: number, fromNewest: boolean): Promise<number> {
  for (let done = 0, w = WINDOW; done < exists; w *= 2) {
    const lo = fromNewest ? Math.max(1, exists - done - w + 1) : done + 1;
    const hi = fromNewest ? exists - done : Math.min(exists, done + w);
    const seqs = (await client.search({ seq: `${lo}:${hi}`, before: next }, { uid: false })) || [];
    if (seqs.length) return seqs.reduce((a, b) => (fromNewest ? Math.max(a, b) : Math.min(a, b)));
    done += hi - lo + 1;
  }
  return 0;
}

/** The sequence number of the oldest message that arrived before `next` (0: none). */
export async function firstSeqBefore(client: ImapFlow, next: Date, exists: number): Promise<number> {
  if (hasEsearch(client)) {
    const r = await esearch(client, { before: next }, ["MIN"]);
    if (r) return r.min ?? 0;
  }
  return windowedSearch(client, next, exists, false);
}

/** A compact UID set ("1:500,512,600:*"), as ESEARCH ALL answers, as a membership test. */
export function uidSetTest(set: string): (uid: number) => boolean {
  const ranges = set
    .split(",")
    .filter(Boolean)
    .map((part) => {
      const [a, b = a] = part.split(":");
      const x = a === "*" ? Infinity : Number(a);
      const y = b === "*" ? Infinity : Number(b);
      return [Math.min(x, y), Math.max(x, y)] as const;
    });
  return (uid) => ranges.some(([lo, hi]) => uid >= lo && uid <= hi);
}

/** Which UIDs arrived before `next`: ESEARCH ALL's compact set where announced, else the plain SEARCH. */
export async function arrivedBefore(client: ImapFlow, next: Date): Promise<(uid: number) => boolean> {
  if (hasEsearch(client)) {
    const r = await esearch(client, { before: next }, ["ALL"], true);
    if (r) return uidSetTest(r.all ?? "");
  }
  const set = new Set((await client.search({ before: next }, { uid: true })) || []);
  return (uid) => set.has(uid);
}

/** The newest `max` numbers of a compact set ("1:500,512"), newest first, without expanding the rest. */
export function newestOf(set: string, max: number): number[] {
  const ranges = set
    .split(",")
    .map((part) => part.split(":").map(Number))
    .filter((r) => r.every((n) => Number.isInteger(n) && n > 0))
    .map(([a, b = a]) => [Math.min(a!, b!), Math.max(a!, b!)] as const)
    .sort((x, y) => y[1] - x[1]);
  const out = new Set<number>();
  for (const [lo, hi] of ranges) for (let n = hi; n >= lo && out.size < max; n--) out.add(n);
  return [...out].sort((a, b) => b - a);
}

/**
 * UIDs matching `query`, newest first, at most `max`: ESEARCH ALL's compact set where announced
 * ("1:10000" for a whole folder, not 10,000 numbers), else the plain UID SEARCH.
 */
export async function newestMatches(client: ImapFlow, query: SearchObject, max: number): Promise<number[]> {
  if (hasEsearch(client)) {
    const r = await esearch(client, query, ["ALL"], true);
    if (r) return newestOf(r.all ?? "", max);
  }
  const found = (await client.search(query, { uid: true })) || [];
  return found.sort((a, b) => b - a).slice(0, max);
}
