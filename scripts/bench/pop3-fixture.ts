/** Gives a bench user's INBOX exactly `count` generated messages (the first `count` of the bulk mailbox). */
import { bulkMessage, minutesBefore } from "../seed-lib";
import { closeRaw, connectRaw, type ImapTarget } from "./imap";
import { log } from "./stack";

export async function ensureMessages(t: ImapTarget, count: number): Promise<void> {
  const client = await connectRaw(t);
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (exists === count) return;
      log(`pop3 fixture: ${t.user} INBOX has ${exists}, appending ${count} fresh messages`);
      if (exists > 0) await client.messageDelete("1:*");
    } finally {
      lock.release();
    }
    const batch: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      batch.push(client.append("INBOX", bulkMessage(i, t.user, minutesBefore(count - i)), ["\\Seen"]));
      if (batch.length === 50) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
  } finally {
    await closeRaw(client);
  }
}
