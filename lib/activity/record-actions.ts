import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore, MessageMeta } from "@/lib/mail/store";
import type { MessageDetail } from "@/lib/shared/types";
import type { ActivityAction } from "@/lib/shared/collab-types";
import { recordActivity, recordOpen } from "@/lib/activity/trail";
import { personId, presenceScope } from "@/lib/presence/scope";
import { rememberOpened } from "@/lib/presence/opened";
import { logger } from "@/lib/logger";

/*
 * The glue between the mail routes and the trail: the routes call these after (or, for moves, around)
 * the mail operation. Recording never fails a request.
 */

const FLAG_ACTIONS: Record<"read" | "unread" | "flag" | "unflag", ActivityAction> = { read: "read", unread: "unread", flag: "flagged", unflag: "unflagged" };

/** A person opened a message: remember what they saw and add "read" to the trail (in the background). */
export function noteOpened(session: MailSession, store: MailStore, folder: string, detail: Pick<MessageDetail, "uid" | "messageId" | "answered">): void {
  rememberOpened(personId(session.sid), presenceScope(session.email, folder).key, detail.uid, detail.answered);
  void (async () => {
    // Without a Message-ID the trail keys by UIDVALIDITY+UID, which only describe() knows.
    const uidValidity = detail.messageId ? null : ((await store.describe(folder, [detail.uid]))[0]?.uidValidity ?? null);
    await recordOpen(session, folder, { uid: detail.uid, messageId: detail.messageId, uidValidity });
  })().catch((err) => logger.warn("activity trail: open not recorded", { error: err instanceof Error ? err.message : String(err) }));
}

/** The messages as they are now (gone ones absent); null when the server can't say. */
export async function describeForTrail(store: MailStore, folder: string, uids: number[]): Promise<MessageMeta[] | null> {
  try {
    return await store.describe(folder, uids);
  } catch (err) {
    logger.warn("activity trail: describe failed", { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

export async function recordFlagChange(session: MailSession, folder: string, metas: MessageMeta[], change: keyof typeof FLAG_ACTIONS): Promise<void> {
  await recordActivity(session, folder, metas, FLAG_ACTIONS[change]);
}

export async function recordMove(session: MailSession, folder: string, metas: MessageMeta[], action: "moved" | "deleted", target: string): Promise<void> {
  await recordActivity(session, folder, metas, action, target);
}

/** A person sent a reply: "Dana replied" in the trail, which the collision check of the others reads. */
export async function recordReplied(session: MailSession, store: MailStore, folder: string, uid: number): Promise<void> {
  const metas = await describeForTrail(store, folder, [uid]);
  if (metas?.length) await recordActivity(session, folder, metas, "replied");
}
