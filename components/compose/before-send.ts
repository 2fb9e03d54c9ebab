import type { OriginalRef } from "@/lib/shared/compose";

/**
 * COLLISION GUARD SEAM. The composer calls this exactly once, right before the send request, with the
 * original being answered or forwarded ({ folder, uid, mode }; null for a new message). Resolve false
 * to cancel the send: the composer then stays open with the draft saved. Today it always allows; the
 * collision guard replaces this body (or passes its own `beforeSend` prop to <Composer>) to ask
 * "Someone else replied meanwhile — send anyway?".
 */
export async function beforeSend(original: OriginalRef | null): Promise<boolean> {
  void original;
  return true;
}
