import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MessageMeta } from "@/lib/mail/store";
import { messageKey, type TrailMailbox } from "@/lib/activity/activity-store";
import { collabHub, collabTopic } from "@/lib/realtime/collab-hub";
import { personId } from "@/lib/presence/scope";
import { logger } from "@/lib/logger";
import { teamStore } from "@/lib/team/team";
import type { TeamStore } from "@/lib/team/team-store";

/**
 * Moved messages take their assignment and notes to the mailbox they went to, as the trail does
 * (keyed by Message-ID; messages without one keep theirs behind, their keys name the old folder).
 * Both mailboxes' browsers re-read: the rows and counts changed on each side. Never throws.
 */
export async function carryTeam(session: MailSession, from: TrailMailbox, to: TrailMailbox, metas: MessageMeta[], team: TeamStore = teamStore()): Promise<void> {
  const keys = metas.filter((m) => m.messageId?.trim()).map((m) => messageKey(m.messageId, "", null, m.uid));
  if (!keys.length || from.key === to.key) return;
  try {
    await team.copy(from.key, to, keys);
  } catch (err) {
    logger.warn("team data not carried to the target", { error: err instanceof Error ? err.message : String(err) });
    return;
  }
  const person = personId(session.sid);
  collabHub().publish(collabTopic(from.key), { type: "team", uids: metas.map((m) => m.uid), what: "assignment", person });
  collabHub().publish(collabTopic(to.key), { type: "team", uids: [], what: "assignment", person });
}
