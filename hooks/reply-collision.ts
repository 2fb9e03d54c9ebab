"use client";

import type { ReplyCheck } from "@/lib/shared/collab-types";
import { collisionWarning } from "@/lib/shared/collision";
import { apiFetch } from "@/hooks/use-api";

/**
 * The collision guard, for a reply composer to call right before sending:
 *
 *   const warning = await checkReplyCollision(folder, uid, openedAt, message.answered);
 *   if (warning) show <CollisionDialog message={warning} … /> and send only on "Send anyway".
 *
 * openedAt: when the person opened the message (Date or ISO string); answeredAtOpen: the message's
 * `answered` as it was loaded (MessageDetail.answered). Returns words for the dialog, or null when
 * nobody else replied since and nobody is replying now. Throws ApiError (e.g. MESSAGE_GONE when the
 * message was moved or deleted meanwhile: the reply can still be sent, but say so).
 */
export async function checkReplyCollision(folder: string, uid: number, openedAt: Date | string, answeredAtOpen?: boolean): Promise<string | null> {
  const check = await fetchReplyCheck(folder, uid, openedAt, answeredAtOpen);
  return collisionWarning(check);
}

export function fetchReplyCheck(folder: string, uid: number, openedAt: Date | string, answeredAtOpen?: boolean): Promise<ReplyCheck> {
  const since = typeof openedAt === "string" ? openedAt : openedAt.toISOString();
  const params = new URLSearchParams({ folder, since });
  if (answeredAtOpen !== undefined) params.set("answered", answeredAtOpen ? "1" : "0");
  return apiFetch<ReplyCheck>(`/api/messages/${uid}/reply-check?${params}`);
}
