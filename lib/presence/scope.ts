import "server-only";
import { createHash } from "node:crypto";
import type { FolderPlace } from "@/lib/mail/store";
import { mailboxIdentity } from "@/lib/mail/mailbox-identity";
import type { Protocol } from "@/lib/shared/types";

/*
 * Who may see whom. A presence scope is one mailbox as the mail server knows it:
 *  - a personal folder is scoped to the signed-in account (everyone using the same login);
 *  - a folder the IMAP server places in another user's namespace is scoped to the owner's real
 *    mailbox (lib/mail/mailbox-identity.ts), so the owner in "Team" and a colleague in
 *    "shared/alice/Team" see each other; a folder in a public namespace is scoped to that folder.
 * The place comes from the server's NAMESPACE answer (lib/imap/namespaces.ts), never from the
 * folder's name: a POP3 cache's "shared/alice@x/Team" is its account's own folder. The caller must
 * still check that the session can open a shared folder (lib/presence/access.ts).
 * Scopes are never sent to browsers.
 */

export interface PresenceScope {
  /** Hub topic key, registry key and the activity trail's mailbox key. */
  key: string;
  /** True when the folder is another account's mailbox (ACL-shared) or a public one. */
  shared: boolean;
  /** The account that owns the mailbox ("public:<prefix>" for a public namespace). */
  owner: string;
}

export function presenceScope(login: string, protocol: Protocol, place: FolderPlace): PresenceScope {
  const id = mailboxIdentity(login, protocol, place);
  return { key: `mbox:${id.key}`, shared: id.shared, owner: id.owner };
}

/** An opaque, stable id for a session: what other browsers may see instead of the session id. */
export function personId(sid: string): string {
  return createHash("sha256").update(`mailroom-person:${sid}`).digest("base64url").slice(0, 12);
}
