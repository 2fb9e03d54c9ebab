import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore, MessageMeta } from "@/lib/mail/store";
import type { MessageDetail } from "@/lib/shared/types";
import type { ActivityAction } from "@/lib/shared/collab-types";
import { carryTrail, recordActivity, recordOpen } from "@/lib/activity/trail";
import { scopeFor } from "@/lib/presence/access";
import { personId } from "@/lib/presence/scope";
import { rememberOpened } from "@/lib/presence/opened";
import { logger } from "@/lib/logger";
import { carryTeam } from "@/lib/team/carry";

/*
 * The glue between the mail routes and the trail: the routes call these after (or, for moves, around)
 * the mail operation. Every line goes to the mailbox the server says the folder is (scopeFor), never
 * to one a folder name suggests. Recording never fails a request.
 */

const FLAG_ACTIONS: Record<"read" | "unread" | "flag" | "unflag", ActivityAction> = { read: "read", unread: "unread", flag: "flagged", unflag: "unflagged" };

const warn = (what: string) => (err: unknown) => logger.warn(`activity trail: ${what}`, { error: err instanceof Error ? err.message : String(err) });

/** A person opened a message: remember what they saw and add "read" to the trail (in the background). */
export function noteOpened(session: MailSession, store: MailStore, folder: string, detail: Pick<MessageDetail, "uid" | "messageId" | "answered">): void {
  void (async () => {
    const scope = await scopeFor(session, store, folder);
    rememberOpened(personId(session.sid), scope.key, detail.uid, detail.answered);
    // Without a Message-ID the trail keys by UIDVALIDITY+UID, which only describe() knows.
    const uidValidity = detail.messageId ? null : ((await store.describe(folder, [detail.uid]))[0]?.uidValidity ?? null);
    await recordOpen(session, scope, folder, { uid: detail.uid, messageId: detail.messageId, uidValidity });
  })().catch(warn("open not recorded"));
}

/** The messages as they are now (gone ones absent); null when the server can't say. */
export async function describeForTrail(store: MailStore, folder: string, uids: number[]): Promise<MessageMeta[] | null> {
  try {
    return await store.describe(folder, uids);
  } catch (err) {
    warn("describe failed")(err);
    return null;
  }
}

export async function recordFlagChange(session: MailSession, store: MailStore, folder: string, metas: MessageMeta[], change: keyof typeof FLAG_ACTIONS): Promise<void> {
  if (!metas.length) return;
  const scope = await scopeFor(session, store, folder).catch(warn("flag change not recorded"));
  if (scope) await recordActivity(session, scope, folder, metas, FLAG_ACTIONS[change]);
}

/** "Moved"/"Deleted" in the mailbox the messages left; their lines go along to the one they went to. */
export async function recordMove(session: MailSession, store: MailStore, folder: string, metas: MessageMeta[], action: "moved" | "deleted", target: string): Promise<void> {
  if (!metas.length) return;
  const scope = await scopeFor(session, store, folder).catch(warn("move not recorded"));
  if (!scope) return;
  await recordActivity(session, scope, folder, metas, action, target);
  if (!target) return; // deleted for good
  const to = await scopeFor(session, store, target).catch(warn("trail not carried to the target"));
  if (!to) return;
  await carryTrail(scope, to, metas);
  await carryTeam(session, scope, to, metas);
}

/** A person sent a reply: "Dana replied" in the trail, which the collision check of the others reads. */
export async function recordReplied(session: MailSession, store: MailStore, folder: string, uid: number): Promise<void> {
  const metas = await describeForTrail(store, folder, [uid]);
  if (!metas?.length) return;
  const scope = await scopeFor(session, store, folder).catch(warn("reply not recorded"));
  if (scope) await recordActivity(session, scope, folder, metas, "replied");
}
