import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import type { TrailMailbox } from "@/lib/activity/activity-store";
import { ownerLogin } from "@/lib/mail/mailbox-identity";
import { defaultDisplayName } from "@/lib/shared/display-name";
import { logger } from "@/lib/logger";
import type { TeamMember, TeamStore } from "@/lib/team/team-store";
import { member, memberId } from "@/lib/team/member";

/** Most people offered by "Assign". */
export const MAX_CANDIDATES = 100;

interface AclCapable {
  folderAcl(folder: string): Promise<string[] | null>;
}
const hasAcl = (s: MailStore): s is MailStore & AclCapable => typeof (s as Partial<AclCapable>).folderAcl === "function";

/**
 * The logins the server says share this folder (GETACL), when the session may ask: its MYRIGHTS has
 * "a" (the folder list carries it for shared folders; an own folder is the session's, all rights).
 * Otherwise, or when the server has no ACL, none: the people seen working in it stand in.
 */
async function aclLogins(session: MailSession, store: MailStore, folder: string): Promise<string[]> {
  if (!hasAcl(store)) return [];
  try {
    const f = (await store.listFolders()).find((x) => x.path === folder);
    if (!f || (f.rights && !f.rights.admin)) return [];
    const ids = (await store.folderAcl(folder)) ?? [];
    return ids.map((id) => ownerLogin(id, session.email));
  } catch (err) {
    logger.warn("team: GETACL failed", { error: err instanceof Error ? err.message : String(err) });
    return [];
  }
}

/**
 * Who can be picked in "Assign" for a mailbox:
 *  - everyone who signed in to the session's account in Mailroom (by display name: one shared login,
 *    several people), and everyone seen working in this mailbox (colleagues in an ACL-shared folder);
 *  - for a folder of another owner, the people who signed in as that owner;
 *  - the logins GETACL names (with the people who signed in as them, or the login's local part).
 * The asking person is always there. Bounded (MAX_CANDIDATES).
 */
export async function teamCandidates(session: MailSession, store: MailStore, folder: string, scope: TrailMailbox, team: TeamStore): Promise<TeamMember[]> {
  const acl = await aclLogins(session, store, folder);
  const accounts = [scope.key, session.email, ...(scope.owner.startsWith("public:") ? [] : [scope.owner]), ...acl];
  const known = await team.members(accounts, MAX_CANDIDATES);
  const out = new Map<string, TeamMember>();
  const me = member(session.email, session.name);
  out.set(me.id, me);
  for (const m of known) out.set(m.id, m);
  // A login the server names but nobody has used in Mailroom yet: offered under its default name.
  const loginsSeen = new Set(known.map((m) => m.login));
  for (const login of acl) {
    if (loginsSeen.has(login) || login === session.email.toLowerCase()) continue;
    const name = defaultDisplayName(login);
    out.set(memberId(login, name), member(login, name));
  }
  return [...out.values()].slice(0, MAX_CANDIDATES).sort((a, b) => a.name.localeCompare(b.name));
}
