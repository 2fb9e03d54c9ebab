import "server-only";
import { MailroomError } from "@/lib/errors";
import type { MailSession } from "@/lib/auth/session";
import { placesFolders, type MailStore } from "@/lib/mail/store";
import { personalPlace } from "@/lib/mail/mailbox-identity";
import { Lru } from "@/lib/lru";
import { presenceScope, type PresenceScope } from "@/lib/presence/scope";

// A folder's visibility is checked with one LIST and trusted this long (ACLs rarely change mid-session).
const TRUST_MS = 60_000;
// Keyed by account and folder name, both from clients: bounded.
export const MAX_TRUSTED = 5000;
const seen = ((globalThis as Record<string, unknown>).__mailroomSharedAccessV2 ??= new Lru<string, true>(MAX_TRUSTED, TRUST_MS)) as Lru<string, true>;

/**
 * The presence scope (and activity-trail mailbox) of a folder for this session. Only a store that can
 * place folders in the server's namespaces (IMAP) yields shared scopes; any other store's folders are
 * the account's own, whatever their names. A shared folder joins its owner's scope, so the session
 * must really be able to open it: it has to appear, selectable, in the session's own folder list.
 */
export async function scopeFor(session: MailSession, store: MailStore, folder: string): Promise<PresenceScope> {
  const place = placesFolders(store) ? await store.placeFolder(folder) : personalPlace(folder);
  const scope = presenceScope(session.email, session.protocol, place);
  if (!scope.shared) return scope;
  const key = `${session.protocol}\n${session.email.toLowerCase()}\n${folder}`;
  if (seen.get(key)) return scope;
  const folders = await store.listFolders();
  if (!folders.some((f) => f.path === folder && f.selectable)) throw new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.");
  seen.set(key, true);
  return scope;
}

/** For tests: how many (account, folder) checks are trusted right now. */
export function trustedCount(): number {
  return seen.size;
}
