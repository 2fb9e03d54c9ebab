import "server-only";
import { createHash } from "node:crypto";

/*
 * Who may see whom. A presence scope is one mailbox as the mail server knows it:
 *  - a personal folder is scoped to the signed-in account (everyone using the same login);
 *  - a folder in the shared namespace ("shared/<owner>/<path>", Dovecot's ACL sharing) is scoped to
 *    the owner's real mailbox, so the owner in "Team" and a colleague in "shared/alice@x/Team" see
 *    each other. The caller must have checked that the session can open that folder (the folder is in
 *    its own LIST), or anyone could listen in on a mailbox by naming it.
 * Scopes are never sent to browsers.
 */

const SHARED = /^shared\/([^/]+@[^/]+)\/(.+)$/;

export interface PresenceScope {
  /** Hub topic key and registry key. */
  key: string;
  /** True when the folder is another account's mailbox (ACL-shared). */
  shared: boolean;
  /** The account that owns the mailbox: the activity trail is kept per owner. */
  owner: string;
}

export function presenceScope(email: string, folder: string): PresenceScope {
  const m = SHARED.exec(folder);
  if (m) return { key: `mbox:${m[1]!.toLowerCase()}:${m[2]!}`, shared: true, owner: m[1]!.toLowerCase() };
  const inbox = folder.toUpperCase() === "INBOX" ? "INBOX" : folder;
  return { key: `mbox:${email.toLowerCase()}:${inbox}`, shared: false, owner: email.toLowerCase() };
}

/** An opaque, stable id for a session: what other browsers may see instead of the session id. */
export function personId(sid: string): string {
  return createHash("sha256").update(`mailroom-person:${sid}`).digest("base64url").slice(0, 12);
}
