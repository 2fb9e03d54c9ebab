import "server-only";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import type { FlagChange } from "@/lib/mail/store";
import { findSpecialFolder } from "@/lib/imap/list-folders";

const FLAG: Record<FlagChange, { flag: string; add: boolean }> = {
  read: { flag: "\\Seen", add: true },
  unread: { flag: "\\Seen", add: false },
  flag: { flag: "\\Flagged", add: true },
  unflag: { flag: "\\Flagged", add: false },
};

const range = (uids: number[]) => uids.join(",");

export const ALREADY_GONE = "Someone else already moved or deleted this message.";

/** Which of the UIDs are still in the selected mailbox (after syncing this connection's view). */
async function remaining(client: ImapFlow, uids: number[]): Promise<number[]> {
  await client.noop();
  const left: number[] = [];
  for await (const m of client.fetch(range(uids), { uid: true }, { uid: true })) left.push(m.uid);
  return left;
}

export async function setFlags(client: ImapFlow, folder: string, uids: number[], change: FlagChange): Promise<void> {
  const { flag, add } = FLAG[change];
  const lock = await client.getMailboxLock(folder);
  try {
    if (add) await client.messageFlagsAdd(range(uids), [flag], { uid: true });
    else await client.messageFlagsRemove(range(uids), [flag], { uid: true });
  } finally {
    lock.release();
  }
}

export async function moveMessages(client: ImapFlow, folder: string, uids: number[], target: string): Promise<void> {
  if (target === folder) throw new MailroomError("BAD_REQUEST", "The messages are already in that folder.");
  const lock = await client.getMailboxLock(folder);
  try {
    // MOVE is not atomic across sessions on Dovecot's maildir: two sessions moving one message at the
    // same moment can both copy it (two copies in the target). ImapStore runs the moves of a mailbox
    // one at a time, and each first checks, on a view synced with NOOP, which messages are still here:
    // the second mover finds none and is told, instead of making a duplicate.
    const left = await remaining(client, uids);
    if (left.length === 0) throw new MailroomError("MESSAGE_GONE", ALREADY_GONE);
    const res = await client.messageMove(range(left), target, { uid: true });
    if (res === false) {
      if ((await remaining(client, left)).length === 0) throw new MailroomError("MESSAGE_GONE", ALREADY_GONE);
      throw new MailroomError("MAIL_SERVER_ERROR", "The mail server refused to move these messages.");
    }
  } finally {
    lock.release();
  }
}

/** Delete moves to Trash; inside Trash (or when the folder is the Trash) it deletes for good. */
export async function removeMessages(client: ImapFlow, folder: string, uids: number[]): Promise<string> {
  let trash = await findSpecialFolder(client, "\\Trash");
  if (!trash) {
    trash = "Trash";
    await client.mailboxCreate(trash).catch(() => {});
  }
  if (folder === trash) {
    const lock = await client.getMailboxLock(folder);
    try {
      await client.messageDelete(range(uids), { uid: true });
    } finally {
      lock.release();
    }
    return "";
  }
  await moveMessages(client, folder, uids, trash);
  return trash;
}
