import "server-only";
import type { FolderPlace } from "@/lib/mail/store";
import type { Protocol } from "@/lib/shared/types";

/*
 * One real mailbox, whatever path a session sees it under: the owner's "Team" and a colleague's
 * "shared/alice/Team" (or "Other Users.alice.Team") are one identity. Used to key presence, the
 * activity trail and the per-mailbox move queue.
 *
 * Owner rule: the server names the owner in the other-users path either by the full login (Dovecot
 * `%%u`) or by its local part only (`%%n`, Cyrus). A local part is resolved in the viewer's own domain,
 * which is what the server did (Dovecot's `%%n` expands the owner in the domain of the user looking),
 * so "alice" seen by bob@example.test is alice@example.test — the login alice signs in with herself.
 * Logins without a domain stay as they are. Compared lower-cased, as logins are.
 */

export interface MailboxIdentity {
  /** Stable and canonical: the same for every session that reaches this mailbox. */
  key: string;
  /** True when the mailbox belongs to another user or to a public namespace. */
  shared: boolean;
  /** The owning login, or "public:<prefix>" for a public namespace. */
  owner: string;
}

/** The owner's login from the name the server shows in an other-users path. */
export function ownerLogin(shown: string, viewerLogin: string): string {
  const owner = shown.toLowerCase();
  if (owner.includes("@")) return owner;
  const at = viewerLogin.lastIndexOf("@");
  return at >= 0 ? `${owner}${viewerLogin.slice(at).toLowerCase()}` : owner;
}

/** A folder of a store that holds only the account's own folders (the POP3 cache). */
export function personalPlace(folder: string): FolderPlace {
  return { namespace: "personal", path: [folder.toUpperCase() === "INBOX" ? "INBOX" : folder] };
}

export function mailboxIdentity(login: string, protocol: Protocol, place: FolderPlace): MailboxIdentity {
  // POP3 caches are apart from the server's mailboxes (other UIDs): never the same identity.
  const of = (kind: "user" | "public", owner: string): MailboxIdentity => ({
    key: `${protocol}:${kind}:${JSON.stringify([owner, ...place.path])}`,
    shared: kind === "public" || place.namespace === "other",
    owner: kind === "public" ? `public:${owner}` : owner,
  });
  if (place.namespace === "other") return of("user", ownerLogin(place.owner, login));
  if (place.namespace === "shared") return of("public", place.prefix);
  return of("user", login.toLowerCase());
}
