import "server-only";
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { Lru } from "@/lib/lru";
import type { SortKey, SortSpec } from "@/lib/shared/sort";
import { esort, expandOrdered, hasEsort, type Atom } from "@/lib/imap/esort";

/*
 * The list in another order than arrival (issue 12 point 3): the folder's UIDs in the chosen order,
 * from the server's SORT (RFC 5256) when it has it, otherwise sorted here. Mailroom's own sort reads
 * one small FETCH per message, so it stops at OWN_SORT_MAX messages: a bigger folder on a server
 * without SORT stays in arrival order and the page says so (`sortUnavailable`). The ordered UIDs are
 * kept per account, folder and order while the folder's STATUS is unchanged, so paging costs one
 * STATUS, not a new sort. 64 orders of a 100,000-message folder stay under 60 MB.
 */
export const OWN_SORT_MAX = 5000;

const orders = ((globalThis as Record<string, unknown>).__mailroomSortOrders ??= new Lru<string, { validator: string; uids: number[] }>(64, 10 * 60_000)) as Lru<
  string,
  { validator: string; uids: number[] }
>;

interface RawExec {
  exec(command: string, attributes: unknown[], options: { untagged: Record<string, (u: { attributes?: { value?: unknown }[] }) => Promise<void>> }): Promise<{ next: () => void }>;
}

function sortCriterion(key: SortKey, display: boolean): string {
  switch (key) {
    case "date":
      return "DATE";
    case "arrival":
      return "ARRIVAL"; // not sent: orderedUids sorts arrival by UID
    case "size":
      return "SIZE";
    case "subject":
      return "SUBJECT";
    case "from":
      // RFC 5957: the display name people see, not the mailbox's local part.
      return display ? "DISPLAYFROM" : "FROM";
  }
}

/** The SORT criteria of an order (REVERSE first for descending). */
export function sortCriteria(client: ImapFlow, s: SortSpec): Atom[] {
  return [...(s.desc ? [{ type: "ATOM" as const, value: "REVERSE" }] : []), { type: "ATOM", value: sortCriterion(s.key, client.capabilities.has("SORT=DISPLAY")) }];
}

/**
 * UID SORT over the selected mailbox. imapflow has no SORT command; its exec() sends one with typed
 * atoms. With ESORT the order comes back as a compact sequence set (lib/imap/esort.ts).
 */
async function serverSort(client: ImapFlow, s: SortSpec): Promise<number[]> {
  const criteria = sortCriteria(client, s);
  if (hasEsort(client)) {
    // Bounded by the folder's size: a server cannot sort more messages than the mailbox holds.
    const answer = await esort(client, criteria, ["ALL"]);
    if (answer) return expandOrdered(answer.all ?? "", (client.mailbox ? client.mailbox.exists : 0) + 1);
    // Refused although announced: the plain SORT below.
  }
  const uids: number[] = [];
  const res = await (client as unknown as RawExec).exec("UID SORT", [criteria, { type: "ATOM", value: "UTF-8" }, { type: "ATOM", value: "ALL" }], {
    untagged: {
      SORT: async (u) => {
        for (const a of u.attributes ?? []) {
          const n = Number(a.value);
          if (Number.isInteger(n) && n > 0) uids.push(n);
        }
      },
    },
  });
  res.next();
  return uids;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** RFC 5256 base subject, roughly: reply and forward prefixes and list tags off. */
export function baseSubject(s: string): string {
  let out = s.trim();
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.replace(/^(\[[^\]]*\]\s*|(re|fwd?|aw|wg|sv|vs)(\[\d+\])?\s*:\s*)/i, "").trim();
  }
  return out;
}

function sortValue(m: FetchMessageObject, key: SortKey): string | number {
  switch (key) {
    case "date":
      return new Date(m.envelope?.date ?? m.internalDate ?? 0).getTime() || 0;
    case "arrival":
      return m.uid;
    case "size":
      return m.size ?? 0;
    case "subject":
      return baseSubject(m.envelope?.subject ?? "");
    case "from": {
      const f = m.envelope?.from?.[0];
      return (f?.name || f?.address || "").toLowerCase();
    }
  }
}

/** Mailroom's own sort of a small folder (ties by arrival, like SORT's sequence order). */
export function ownOrder(messages: FetchMessageObject[], s: SortSpec): number[] {
  const rows = messages.map((m) => ({ uid: m.uid, v: sortValue(m, s.key) }));
  rows.sort((a, b) => {
    const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return (s.desc ? -c : c) || a.uid - b.uid;
  });
  return rows.map((r) => r.uid);
}

/**
 * The selected folder's UIDs in order, or null when the folder is too big to sort without SORT.
 * `set`: the folder's STATUS just read (uidvalidity:uidnext:exists, lib/imap/page-cache.ts); the
 * selected mailbox's own counters learn of other sessions' appends only after a NOOP, so they are the
 * fallback. The order of every key here depends only on which messages are there, never on flags.
 */
const orderKey = (account: string, path: string, s: SortSpec) => `${account}\u0000${path}\u0000${s.key}:${s.desc}`;

/** The order already kept for this folder state, without asking the server; null when there is none. */
export function cachedOrder(client: ImapFlow, account: string, s: SortSpec, set: string): number[] | null {
  const box = client.mailbox;
  if (!box) return null;
  const cached = orders.get(orderKey(account, box.path, s));
  return cached && cached.validator === `${set}:${client.capabilities.has("SORT")}` ? cached.uids : null;
}

export async function orderedUids(client: ImapFlow, account: string, s: SortSpec, opts: { serverSort?: boolean; set?: string | null } = {}): Promise<number[] | null> {
  const box = client.mailbox;
  if (!box || box.exists === 0) return [];
  const useServer = (opts.serverSort ?? true) && client.capabilities.has("SORT");
  const validator = `${opts.set ?? `${box.uidValidity}:${box.uidNext}:${box.exists}`}:${useServer}`;
  const key = orderKey(account, box.path, s);
  const cached = orders.get(key);
  if (cached && cached.validator === validator) return cached.uids;
  let uids: number[];
  // Arrival is UID order, as the default list pages it (SORT's ARRIVAL is INTERNALDATE, tied within a second).
  // The list pages arrival by sequence ranges (lib/imap/sorted-page.ts); this serves a server that cannot.
  if (s.key === "arrival") {
    uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => (s.desc ? b - a : a - b));
  } else if (useServer) uids = await serverSort(client, s);
  else {
    if (box.exists > OWN_SORT_MAX) return null;
    const query = s.key === "size" ? { uid: true, size: true } : { uid: true, envelope: true, internalDate: true };
    uids = ownOrder(await client.fetchAll("1:*", query), s);
  }
  orders.set(key, { validator, uids });
  return uids;
}
