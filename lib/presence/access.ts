import "server-only";
import { MailroomError } from "@/lib/errors";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { presenceScope, type PresenceScope } from "@/lib/presence/scope";

// A folder's visibility is checked with one LIST and trusted this long (ACLs rarely change mid-session).
const TRUST_MS = 60_000;
const seen = ((globalThis as Record<string, unknown>).__mailroomSharedAccess ??= new Map<string, number>()) as Map<string, number>;

/**
 * The presence scope of a folder for this session. A shared-namespace folder joins its owner's scope,
 * so the session must really be able to see it: it has to appear in the session's own folder list.
 * Personal folders need no check: the scope is the session's own account.
 */
export async function scopeFor(session: MailSession, store: MailStore, folder: string): Promise<PresenceScope> {
  const scope = presenceScope(session.email, folder);
  if (!scope.shared) return scope;
  const key = `${session.email.toLowerCase()}\n${folder}`;
  const now = Date.now();
  if ((seen.get(key) ?? 0) > now) return scope;
  const folders = await store.listFolders();
  if (!folders.some((f) => f.path === folder && f.selectable)) throw new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.");
  if (seen.size > 5000) seen.clear();
  seen.set(key, now + TRUST_MS);
  return scope;
}
