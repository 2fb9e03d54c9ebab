import "server-only";
import type { ImapFlow } from "imapflow";
import type { FolderPlace } from "@/lib/mail/store";
import { Lru } from "@/lib/lru";

/*
 * The server's NAMESPACE answer (RFC 2342), which imapflow asks for right after LOGIN and keeps on the
 * connection: which path prefixes hold the account's own folders, other users' folders and public
 * ones, each with its hierarchy delimiter. The only trustworthy way to tell "alice's Team, shared with
 * me" from a folder of mine that merely has that name.
 */

export interface Namespace {
  /** As announced, ending with the delimiter ("shared/", "Other Users."); "" for the root. */
  prefix: string;
  delimiter: string | null;
}

export interface ServerNamespaces {
  personal: Namespace[];
  other: Namespace[];
  shared: Namespace[];
}

export function readNamespaces(client: ImapFlow): ServerNamespaces {
  const list = (v: unknown): Namespace[] =>
    Array.isArray(v) ? v.map((n: { prefix?: string; delimiter?: string | null }) => ({ prefix: n.prefix ?? "", delimiter: n.delimiter ?? null })) : [];
  const ns = client.namespaces as unknown as Record<string, unknown> | undefined;
  return { personal: list(ns?.personal), other: list(ns?.other), shared: list(ns?.shared) };
}

const split = (path: string, delimiter: string | null): string[] => (delimiter && path ? path.split(delimiter) : [path]);
// INBOX is case-insensitive (RFC 3501 5.1), every other name is not.
const inboxFirst = (parts: string[]): string[] => (parts[0]?.toUpperCase() === "INBOX" ? ["INBOX", ...parts.slice(1)] : parts);
const longestFirst = (a: Namespace, b: Namespace) => b.prefix.length - a.prefix.length;

/**
 * Where the server puts a folder path. Namespaces nest (the personal one is often ""), so the longest
 * announced prefix that starts the path wins. Null when the path names no mailbox: an other-users
 * path without an owner.
 */
export function placeFolder(ns: ServerNamespaces, folder: string): FolderPlace | null {
  const foreign = [...ns.other.map((n) => ({ ...n, kind: "other" as const })), ...ns.shared.map((n) => ({ ...n, kind: "shared" as const }))]
    // An empty prefix would claim every path: such a server can't be told apart, so it gets none.
    .filter((n) => n.prefix && folder.startsWith(n.prefix))
    .sort(longestFirst)[0];
  const personal = ns.personal.filter((n) => folder.startsWith(n.prefix)).sort(longestFirst)[0];
  if (foreign && (!personal || foreign.prefix.length > personal.prefix.length)) {
    const rest = folder.slice(foreign.prefix.length);
    if (foreign.kind === "shared") return { namespace: "shared", prefix: foreign.prefix, path: split(rest, foreign.delimiter) };
    // The first level is the owner; the rest is the folder in the owner's tree. The owner's node
    // itself is their INBOX on servers that show it that way (Cyrus "Other Users.alice").
    const [owner, ...path] = split(rest, foreign.delimiter);
    if (!owner) return null;
    return { namespace: "other", owner, path: path.length ? inboxFirst(path) : ["INBOX"] };
  }
  if (folder.toUpperCase() === "INBOX") return { namespace: "personal", path: ["INBOX"] };
  // A personal prefix ("INBOX." on Cyrus) is not part of the name others see: "INBOX.Team" is "Team".
  const p = personal ?? { prefix: "", delimiter: null };
  return { namespace: "personal", path: inboxFirst(split(folder.slice(p.prefix.length), p.delimiter)) };
}

// The answer per account: it depends on the server's configuration and the login, not on the
// connection, so one LIST-free read per account and hour is enough. Bounded: logins come from clients.
const NAMESPACE_TTL_MS = 60 * 60 * 1000;
export const MAX_CACHED_ACCOUNTS = 5000;
const cache = ((globalThis as Record<string, unknown>).__mailroomNamespaces ??= new Lru<string, ServerNamespaces>(MAX_CACHED_ACCOUNTS, NAMESPACE_TTL_MS)) as Lru<string, ServerNamespaces>;

/** The account's namespaces, from the cache or else `load` (a pooled connection's answer). */
export async function namespacesFor(login: string, load: () => Promise<ServerNamespaces>): Promise<ServerNamespaces> {
  const key = login.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const ns = await load();
  cache.set(key, ns);
  return ns;
}

/** For tests: how many accounts are cached. */
export function cachedNamespaceCount(): number {
  return cache.size;
}

/** For tests that sign the same login in to differently configured servers. */
export function forgetNamespaces(): void {
  cache.clear();
}
