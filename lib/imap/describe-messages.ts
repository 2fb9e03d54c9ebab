import "server-only";
import type { ImapFlow } from "imapflow";
import type { MessageMeta } from "@/lib/mail/store";

/**
 * Message-ID and flags of the given UIDs, fresh: NOOP, then one UID FETCH. A UID FETCH of messages that are gone
 * answers OK with nothing (RFC 3501 6.4.8), so they are simply absent from the result.
 */
export async function describeMessages(client: ImapFlow, folder: string, uids: number[]): Promise<MessageMeta[]> {
  if (!uids.length) return [];
  const lock = await client.getMailboxLock(folder);
  try {
    // A pooled connection that already had the mailbox open knows only what it was told: without a
    // NOOP it misses messages appended and flags set by other sessions since (RFC 3501 6.4.8, 7.4).
    await client.noop();
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : 0);
    const wanted = new Set(uids);
    const out: MessageMeta[] = [];
    for await (const m of client.fetch(uids.join(","), { uid: true, flags: true, envelope: true }, { uid: true })) {
      if (!wanted.has(m.uid)) continue;
      const flags = m.flags ?? new Set<string>();
      out.push({
        uid: m.uid,
        messageId: m.envelope?.messageId ?? null,
        uidValidity,
        seen: flags.has("\\Seen"),
        flagged: flags.has("\\Flagged"),
        answered: flags.has("\\Answered"),
      });
    }
    return out;
  } finally {
    lock.release();
  }
}
