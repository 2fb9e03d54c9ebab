import "server-only";
import type { ImapFlow, ListResponse } from "imapflow";
import type { Folder, SpecialUse } from "@/lib/shared/types";
import { withRights } from "@/lib/imap/my-rights";

const SPECIAL: Record<string, SpecialUse> = {
  "\\Inbox": "inbox", "\\Sent": "sent", "\\Drafts": "drafts", "\\Trash": "trash", "\\Junk": "junk", "\\Archive": "archive",
};
// Display order of special-use folders, the way most mail clients arrange them.
const RANK: Record<SpecialUse, number> = { inbox: 0, drafts: 1, sent: 2, archive: 3, junk: 4, trash: 5 };

function sharedPrefixes(client: ImapFlow): string[] {
  const ns = (client as unknown as { namespaces?: { other?: { prefix: string }[] | false; shared?: { prefix: string }[] | false } }).namespaces;
  return [...(ns?.other || []), ...(ns?.shared || [])].map((n) => n.prefix).filter(Boolean);
}

/** Folders of other users (the shared/other-users namespaces). */
export function isSharedPath(client: ImapFlow, path: string): boolean {
  return sharedPrefixes(client).some((p) => path.startsWith(p));
}

export function toFolder(entry: ListResponse, shared: boolean): Folder {
  const special = entry.path.toUpperCase() === "INBOX" ? "inbox" : (entry.specialUse && SPECIAL[entry.specialUse]) || null;
  const depth = entry.parent?.length ?? 0;
  return {
    path: entry.path,
    name: entry.path.toUpperCase() === "INBOX" ? "Inbox" : entry.name,
    delimiter: entry.delimiter || "/",
    parentPath: entry.parentPath || null,
    depth,
    specialUse: special,
    shared,
    selectable: !entry.flags.has("\\Noselect") && !entry.flags.has("\\NonExistent"),
    total: entry.status?.messages ?? 0,
    unread: entry.status?.unseen ?? 0,
  };
}

/**
 * The usual names of special folders, for a personal top-level folder the server did not flag. Servers
 * with SPECIAL-USE may still leave one unflagged (Debian's Cyrus 3.6 loses a folder's flag when two of
 * its mailboxes draw the same unique id); without a fallback, Sent mail would go nowhere and Delete
 * would find no Trash. A flag the server does send always wins; shared folders are never guessed.
 */
const USUAL_NAMES: Record<Exclude<SpecialUse, "inbox">, string[]> = {
  sent: ["sent", "sent items", "sent messages", "sent mail"],
  drafts: ["drafts", "draft"],
  trash: ["trash", "deleted items", "deleted messages", "bin"],
  junk: ["junk", "spam", "junk e-mail", "junk email", "bulk mail"],
  archive: ["archive", "archives"],
};

export function guessUnflagged(folders: Folder[]): Folder[] {
  const have = new Set(folders.map((f) => f.specialUse).filter(Boolean));
  const guessed = new Map<string, SpecialUse>();
  for (const [use, names] of Object.entries(USUAL_NAMES) as [SpecialUse, string[]][]) {
    if (have.has(use)) continue;
    const hit = folders.find((f) => !f.shared && f.depth === 0 && !f.specialUse && f.selectable && !guessed.has(f.path) && names.includes(f.name.toLowerCase()));
    if (hit) guessed.set(hit.path, use);
  }
  return guessed.size === 0 ? folders : folders.map((f) => (guessed.has(f.path) ? { ...f, specialUse: guessed.get(f.path)! } : f));
}

/** Tree order: personal before shared; special-use first by rank; then by name; children follow parents. */
export function orderFolders(folders: Folder[]): Folder[] {
  const byParent = new Map<string | null, Folder[]>();
  const paths = new Set(folders.map((f) => f.path));
  for (const f of folders) {
    const parent = f.parentPath && paths.has(f.parentPath) ? f.parentPath : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), f]);
  }
  const cmp = (a: Folder, b: Folder) =>
    Number(a.shared) - Number(b.shared) ||
    (a.specialUse ? RANK[a.specialUse] : 99) - (b.specialUse ? RANK[b.specialUse] : 99) ||
    a.name.localeCompare(b.name, undefined, { sensitivity: "base" });
  const out: Folder[] = [];
  const walk = (parent: string | null) => {
    for (const f of (byParent.get(parent) ?? []).sort(cmp)) {
      out.push(f);
      walk(f.path);
    }
  };
  walk(null);
  return out;
}

const usable = (e: ListResponse) => (e.flags.has("\\Noselect") || e.flags.has("\\NonExistent") ? 0 : 2) + (e.status ? 1 : 0);

/**
 * One entry per path. Servers can list a path twice (Dovecot lists a shared namespace's folders both
 * as a \Noselect placeholder and as the real mailbox); keep the one that can be opened.
 */
export function uniqueEntries(entries: ListResponse[]): ListResponse[] {
  const byPath = new Map<string, ListResponse>();
  for (const e of entries) {
    const prev = byPath.get(e.path);
    if (!prev || usable(e) > usable(prev)) byPath.set(e.path, e);
  }
  return [...byPath.values()];
}

export async function listFolders(client: ImapFlow): Promise<Folder[]> {
  // A connection with a mailbox open answers STATUS for it from its own view, which learns of other
  // sessions' changes only when synced (RFC 3501 6.3.10): sync it first, or counts go stale.
  if (client.mailbox) await client.noop();
  // LIST-STATUS where the server has it: one round trip for the tree and every unread count.
  const entries = uniqueEntries(await client.list({ statusQuery: { messages: true, unseen: true } }));
  const prefixes = sharedPrefixes(client);
  return withRights(client, orderFolders(guessUnflagged(entries.map((e) => toFolder(e, prefixes.some((p) => e.path.startsWith(p) || `${e.path}${e.delimiter}` === p))))));
}

export async function findSpecialFolder(client: ImapFlow, use: "\\Trash"): Promise<string | null> {
  const entries = await client.list();
  const flagged = entries.find((e) => e.specialUse === use)?.path;
  if (flagged) return flagged;
  const prefixes = sharedPrefixes(client);
  const want = SPECIAL[use];
  return guessUnflagged(entries.map((e) => toFolder(e, prefixes.some((p) => e.path.startsWith(p))))).find((f) => f.specialUse === want)?.path ?? null;
}
