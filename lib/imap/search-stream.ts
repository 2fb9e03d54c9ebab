import "server-only";
import type { ESearchResult, FetchQueryObject, ImapFlow, SearchObject } from "imapflow";
import type { SearchField } from "@/lib/mail/store";
import type { SearchChunk } from "@/lib/shared/search-stream";
import { MailroomError } from "@/lib/errors";
import { SUMMARY_QUERY, toSummary } from "@/lib/imap/list-messages";
import { fetchSnippets, SNIPPET_PART } from "@/lib/imap/snippets";
import { searchCriteria } from "@/lib/imap/search-criteria";
import { cachedSearch, folderValidator, rememberSearch, searchKey } from "@/lib/imap/search-cache";
import type { MessageSummary } from "@/lib/shared/types";

export interface StreamSearchOptions {
  text: string;
  field: SearchField;
  /** Rows on the first page (the rest come through "load more", GET /api/messages?before=). */
  limit: number;
  /** The newest UIDs searched first; each further range is `growth` times larger. */
  firstRange: number;
  growth?: number;
  /** Epoch ms after which no new command is issued; the answer then says it is incomplete. */
  deadlineAt: number;
  cacheTtlMs: number;
  signal?: AbortSignal;
}

export type EmitChunk = (chunk: SearchChunk) => void | Promise<void>;

/** Rows in the first batch a search sends: about a screen (the rest of the page follows in the next). */
export const FIRST_ROWS = 15;

// The same row as a list page: summary plus the start of part 1 for the snippet.
const ROW_QUERY: FetchQueryObject = { ...SUMMARY_QUERY, bodyParts: [SNIPPET_PART] };

function stopIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new MailroomError("REQUEST_CANCELLED", "The search was cancelled.");
}

async function rows(client: ImapFlow, uids: number[], signal?: AbortSignal): Promise<MessageSummary[]> {
  if (uids.length === 0) return [];
  const fetched = await client.fetchAll(uids.join(","), ROW_QUERY, { uid: true });
  // Snippets of some bodies take a second FETCH: not once the search is cancelled.
  stopIfAborted(signal);
  const snippets = await fetchSnippets(client, fetched);
  return fetched
    .map((m) => {
      const s = toSummary(m);
      const snippet = snippets.get(m.uid);
      return snippet ? { ...s, snippet } : s;
    })
    .sort((a, b) => b.uid - a.uid);
}

/** How many messages match below `below`: ESEARCH COUNT where the server has it (no UID list on the wire). */
async function countBelow(client: ImapFlow, criteria: SearchObject, below: number): Promise<number> {
  if (below <= 1) return 0;
  const q = { ...criteria, uid: `1:${below - 1}` };
  if (client.capabilities.has("ESEARCH")) {
    const r = (await client.search(q, { uid: true, returnOptions: ["COUNT"] })) as ESearchResult | false;
    if (r && typeof r.count === "number") return r.count;
  }
  return ((await client.search(q, { uid: true })) || []).length;
}

/**
 * A folder search whose first rows arrive while the server is still searching: UID SEARCH over UID
 * ranges from the newest down (the newest `firstRange` UIDs, then `growth` times more each time), each
 * range's newest matches fetched and emitted at once, until the page is full; then one count over the
 * rest gives the total. Between commands the request's signal and the deadline are checked, so a
 * cancelled search stops issuing commands. A finished search is kept (per account, LRU) and answered
 * again without any SEARCH while STATUS shows the folder unchanged.
 *
 * RFC 9394 PARTIAL would let the server return the newest page itself; Dovecot 2.3 does not announce
 * it, and ranges work on every server, so ranges are what this does.
 */
export async function streamSearch(client: ImapFlow, account: string, folder: string, opts: StreamSearchOptions, emit: EmitChunk): Promise<void> {
  const key = searchKey(folder, opts.text, opts.field, opts.limit);
  const validator = opts.cacheTtlMs > 0 ? await folderValidator(client, folder) : null;
  if (validator) {
    const hit = cachedSearch(account, key, validator, opts.cacheTtlMs);
    if (hit) {
      await emit({ type: "rows", messages: hit.messages });
      await emit({ type: "done", folder, uidValidity: hit.uidValidity, total: hit.total, nextCursor: hit.nextCursor, complete: true, cached: true });
      return;
    }
  }
  stopIfAborted(opts.signal);
  const criteria = searchCriteria(opts.text, opts.field);
  const growth = opts.growth ?? 4;
  const lock = await client.getMailboxLock(folder);
  try {
    const box = client.mailbox;
    const uidValidity = box ? String(box.uidValidity) : "0";
    let hi = box && box.exists > 0 ? Number(box.uidNext) - 1 : 0;
    let size = opts.firstRange;
    let total = 0;
    const shown: MessageSummary[] = [];
    let complete = true;
    while (hi >= 1) {
      stopIfAborted(opts.signal);
      if (Date.now() >= opts.deadlineAt) {
        complete = false;
        break;
      }
      if (shown.length >= opts.limit) {
        // The page is full: the rest is only counted, in one command.
        total += await countBelow(client, criteria, hi + 1);
        hi = 0;
        break;
      }
      const lo = Math.max(1, hi - size + 1);
      const found = ((await client.search({ ...criteria, uid: `${lo}:${hi}` }, { uid: true })) || []).sort((a, b) => b - a);
      total += found.length;
      const take = found.slice(0, opts.limit - shown.length);
      // The search's very first rows: a screenful fetched and sent on its own, so they show while the
      // rest of the page is still being fetched (a common word fills the page from the first range).
      const parts = shown.length === 0 && take.length > FIRST_ROWS ? [take.slice(0, FIRST_ROWS), take.slice(FIRST_ROWS)] : [take];
      let top = hi;
      for (const part of parts) {
        if (part.length === 0) continue;
        stopIfAborted(opts.signal);
        const batch = await rows(client, part, opts.signal);
        shown.push(...batch);
        // Each part says which UIDs it covers: the first part holds every match from its lowest UID up.
        const bottom = part === take || part === parts.at(-1) ? lo : part.at(-1)!;
        await emit({ type: "rows", messages: batch, range: [bottom, top] });
        top = bottom - 1;
      }
      hi = lo - 1;
      size *= growth;
    }
    const last = shown.at(-1);
    // Stopped early: older mail may still match, so "load more" stays offered below the last row.
    const nextCursor = last && (total > shown.length || !complete) ? last.uid : null;
    await emit({ type: "done", folder, uidValidity, total, nextCursor, complete, cached: false });
    if (complete && validator && validator.split(":")[0] === uidValidity && !opts.signal?.aborted) {
      rememberSearch(account, key, { validator, uidValidity, messages: shown, total, nextCursor }, opts.cacheTtlMs);
    }
  } finally {
    lock.release();
  }
}
