import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { messageKey } from "@/lib/activity/activity-store";
import { scopeFor } from "@/lib/presence/access";
import { logger } from "@/lib/logger";
import { MailroomError } from "@/lib/errors";
import type { TeamStore } from "@/lib/team/team-store";
import { teamCandidates } from "@/lib/team/candidates";
import { rememberWorker, sessionMember, teamStore, toPeople, toPerson } from "@/lib/team/team";
import type { MembersResponse, TeamRowsResponse, TeamViewsResponse } from "@/lib/shared/team-types";

/** Most folders whose counts one views request reads. */
export const MAX_VIEW_FOLDERS = 200;

/** An own folder's name is not checked by scopeFor (any name is the account's own): ask the server. */
async function requireFolder(store: MailStore, folder: string): Promise<void> {
  const folders = await store.listFolders();
  if (!folders.some((f) => f.path === folder && f.selectable)) throw new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.");
}

/** The assignees of the listed rows (matched by Message-ID, so they follow a move) and the mailbox's counts. */
export async function rowsTeam(session: MailSession, store: MailStore, folder: string, uids: number[], team: TeamStore = teamStore()): Promise<TeamRowsResponse> {
  const scope = await scopeFor(session, store, folder);
  const counts = await team.counts(scope, sessionMember(session).id);
  // describe() of the rows doubles as the check that the folder exists (it fails for one that doesn't);
  // without assignments to match, a folder list is the cheaper check.
  const metas = uids.length && counts.assigned > 0 ? await store.describe(folder, uids) : (await requireFolder(store, folder), []);
  if (!metas.length) return { assignments: [], counts };
  const uidOf = new Map(metas.map((m) => [messageKey(m.messageId, folder, m.uidValidity, m.uid), m.uid]));
  const found = await team.assignments(scope, [...uidOf.keys()]);
  return {
    assignments: found.flatMap((a) => {
      const uid = uidOf.get(a.messageKey);
      return uid === undefined ? [] : [{ uid, assignee: toPerson(a.assignee, session) }];
    }),
    counts,
  };
}

/** The views for the folder list: every mailbox of the session with assignments or mentions, with counts. */
export async function teamViews(session: MailSession, store: MailStore, team: TeamStore = teamStore()): Promise<TeamViewsResponse> {
  const me = sessionMember(session).id;
  const folders = (await store.listFolders()).filter((f) => f.selectable).slice(0, MAX_VIEW_FOLDERS);
  const mailboxes: TeamViewsResponse["mailboxes"] = [];
  for (const f of folders) {
    try {
      const scope = await scopeFor(session, store, f.path);
      const counts = await team.counts(scope, me);
      if (counts.assigned > 0 || counts.mentions > 0) mailboxes.push({ folder: f.path, ...counts });
    } catch (err) {
      logger.warn("team: counts unavailable", { error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { mailboxes };
}

/** The "Assign" list of a mailbox. */
export async function teamMembers(session: MailSession, store: MailStore, folder: string, team: TeamStore = teamStore()): Promise<MembersResponse> {
  const scope = await scopeFor(session, store, folder);
  await requireFolder(store, folder);
  return { members: toPeople(await teamCandidates(session, store, folder, scope, team), session) };
}

/**
 * The person works in this mailbox (their browser shows its list): "Assign" offers them there from now
 * on (POST /api/team/members; reading the list or the Assign list changes nothing).
 */
export async function joinMailbox(session: MailSession, store: MailStore, folder: string, team: TeamStore = teamStore()): Promise<void> {
  const scope = await scopeFor(session, store, folder);
  await requireFolder(store, folder);
  await rememberWorker(session, scope, team);
}

/** The person saw a note mentioning them in a mailbox (POST /api/team/views): their badge there clears. */
export async function markMentionsSeen(session: MailSession, store: MailStore, folder: string, team: TeamStore = teamStore()): Promise<void> {
  const scope = await scopeFor(session, store, folder);
  await requireFolder(store, folder);
  await team.markMentionsRead(scope, sessionMember(session).id, Date.now());
}
