import "server-only";
import type { ImapFlow } from "imapflow";
import type { ListOptions } from "@/lib/mail/store";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";
import { orderedUids } from "@/lib/imap/sort-messages";
import { partialSortPage } from "@/lib/imap/partial-sort";
import { arrivedBefore, firstSeqBefore, seqBelow } from "@/lib/imap/seq-position";
import { sortParam, type SortSpec } from "@/lib/shared/sort";

type Jump = NonNullable<ListOptions["jump"]>;
/** Fetches the given UIDs (or sequence numbers) as list rows with their snippets. */
export type FetchRows = (range: string, byUid: boolean) => Promise<MessageSummary[]>;

export function dayAfter(day: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** Where a jump starts in a sorted list: the last page, or the first row that arrived on or before the day. */
async function sortedJumpStart(client: ImapFlow, order: number[], limit: number, jump: Jump): Promise<number> {
  const last = Math.max(0, order.length - limit);
  if (jump === "oldest") return last;
  // ESEARCH ALL: the UIDs before the day as a compact set ("1:4210"), not one number per message.
  const before = await arrivedBefore(client, dayAfter(jump.day));
  const i = order.findIndex(before);
  return i < 0 ? last : i;
}

/**
 * Arrival order, oldest first: sequence order itself, so page N is a sequence range like the default
 * order's, with no SORT and no SEARCH of the folder's UIDs.
 */
async function arrivalAscPage(client: ImapFlow, base: MessagePage, opts: ListOptions, exists: number, rows: FetchRows): Promise<MessagePage | null> {
  let start = 0;
  if (opts.before) {
    // The cursor is the last row shown: the page starts after it, at (messages with a UID up to it) + 1.
    const seen = await seqBelow(client, opts.before + 1);
    if (seen === null) return null;
    start = seen;
  } else if (opts.jump === "oldest") start = Math.max(0, exists - opts.limit);
  else if (opts.jump) {
    const first = await firstSeqBefore(client, dayAfter(opts.jump.day), exists);
    start = first ? first - 1 : Math.max(0, exists - opts.limit);
  }
  const page: MessagePage = { ...base, total: exists, sort: "arrival-asc" };
  if (start >= exists) return page;
  const end = Math.min(exists, start + opts.limit);
  const messages = (await rows(`${start + 1}:${end}`, false)).filter((m) => !opts.before || m.uid > opts.before).sort((a, b) => a.uid - b.uid);
  return { ...page, messages, nextCursor: end < exists && messages.length ? messages.at(-1)!.uid : null, ...(start ? { offset: start } : {}) };
}

/**
 * A page of the folder in `sort` order, or null when the folder cannot be sorted here (too big without
 * SORT). `set`: the folder's STATUS (uidvalidity:uidnext:exists) just read, which validates the cached order.
 */
export async function sortedPage(
  client: ImapFlow,
  account: string,
  base: MessagePage,
  opts: ListOptions,
  sort: SortSpec,
  exists: number,
  set: string | null,
  rows: FetchRows,
): Promise<MessagePage | null> {
  if (sort.key === "arrival" && !sort.desc) {
    const page = await arrivalAscPage(client, base, opts, exists, rows);
    if (page) return page;
  }
  if (sort.key !== "arrival" && !opts.jump) {
    const part = await partialSortPage(client, account, sort, set, opts.before, opts.limit);
    if (part) {
      const page: MessagePage = { ...base, total: part.total, sort: sortParam(sort) };
      if (part.uids.length === 0) return page;
      const rank = new Map(part.uids.map((u, i) => [u, i]));
      const messages = (await rows(part.uids.join(","), true)).sort((a, b) => rank.get(a.uid)! - rank.get(b.uid)!);
      const more = part.start + part.uids.length < part.total;
      return { ...page, messages, nextCursor: more ? part.uids.at(-1)! : null, ...(part.start ? { offset: part.start } : {}) };
    }
  }
  const order = await orderedUids(client, account, sort, { set });
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
  const rank = new Map(uids.map((u, i) => [u, i]));
  const messages = (await rows(uids.join(","), true)).sort((a, b) => rank.get(a.uid)! - rank.get(b.uid)!);
  const more = start + opts.limit < order.length;
  return { ...page, messages, nextCursor: more ? uids.at(-1)! : null, ...(start ? { offset: start } : {}) };
}
