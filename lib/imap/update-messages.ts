import "server-only";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import type { FlagChange, MovedUids, Removed } from "@/lib/mail/store";
import { findSpecialFolder, isSharedPath } from "@/lib/imap/list-folders";
import { mapImapError } from "@/lib/imap/map-error";
import { bareNo, lacksRights } from "@/lib/imap/refusal";
import { newestMatches } from "@/lib/imap/seq-position";

const FLAG: Record<FlagChange, { flag: string; add: boolean }> = {
  read: { flag: "\\Seen", add: true },
  unread: { flag: "\\Seen", add: false },
  flag: { flag: "\\Flagged", add: true },
  unflag: { flag: "\\Flagged", add: false },
};

const range = (uids: number[]) => uids.join(",");

type Denied = "seen" | "flag" | "move" | "delete" | "insert";

const DENIED: Record<Denied, string> = {
  seen: "mark messages read or unread",
  flag: "flag or unflag messages",
  move: "move messages out of",
  delete: "delete messages",
  insert: "put messages into",
};

/** The ACL said no (a read-only SELECT, a flag outside PERMANENTFLAGS, or NO [NOPERM]): say what, in words. */
function permissionDenied(client: ImapFlow, what: Denied, folder: string, cause?: unknown): MailroomError {
  const where = isSharedPath(client, folder) ? "this shared folder" : "this folder";
  const message =
    what === "move" || what === "insert"
      ? `You don't have permission to ${DENIED[what]} ${where}.`
      : `You don't have permission to ${DENIED[what]} in ${where}.`;
  return new MailroomError("PERMISSION_DENIED", message, { cause });
}

/** imapflow skips a STORE the mailbox cannot take and returns false instead of asking the server. */
function mayStore(client: ImapFlow, flag: string): boolean {
  const box = client.mailbox;
  if (!box || box.readOnly) return false;
  const perm = box.permanentFlags;
  return !perm || perm.has(flag) || perm.has("\\*");
}

// The RFC 4314 rights each action needs: what a bare NO is checked against (lib/imap/refusal.ts).
const NEEDS: Record<Denied, string> = { seen: "s", flag: "w", move: "te", delete: "te", insert: "i" };

async function rethrow(client: ImapFlow, err: unknown, what: Denied, folder: string): Promise<never> {
  const mapped = mapImapError(err);
  if (mapped.code === "PERMISSION_DENIED") throw permissionDenied(client, what, folder, err);
  if (bareNo(err) && (await lacksRights(client, folder, NEEDS[what]))) throw permissionDenied(client, what, folder, err);
  throw mapped;
}

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
  const what: Denied = flag === "\\Seen" ? "seen" : "flag";
  try {
    if (!mayStore(client, flag)) throw permissionDenied(client, what, folder);
    if (add) await client.messageFlagsAdd(range(uids), [flag], { uid: true });
    else await client.messageFlagsRemove(range(uids), [flag], { uid: true });
  } catch (err) {
    if (err instanceof MailroomError) throw err;
    await rethrow(client, err, what, folder);
  } finally {
    lock.release();
  }
}

export async function moveMessages(client: ImapFlow, folder: string, uids: number[], target: string): Promise<MovedUids | undefined> {
  if (target === folder) throw new MailroomError("BAD_REQUEST", "The messages are already in that folder.");
  const lock = await client.getMailboxLock(folder);
  try {
    if (client.mailbox && client.mailbox.readOnly) throw permissionDenied(client, "move", folder);
    // MOVE is not atomic across sessions on Dovecot's maildir: two sessions moving one message at the
    // same moment can both copy it (two copies in the target). ImapStore runs the moves of a mailbox
    // one at a time, and each first checks, on a view synced with NOOP, which messages are still here:
    // the second mover finds none and is told, instead of making a duplicate.
    const left = await remaining(client, uids);
    if (left.length === 0) throw new MailroomError("MESSAGE_GONE", ALREADY_GONE);
    const res = await client.messageMove(range(left), target, { uid: true });
    if (res === false) {
      if ((await remaining(client, left)).length === 0) throw new MailroomError("MESSAGE_GONE", ALREADY_GONE);
      // MOVE answers NO [TRYCREATE] for a target that is not there: the person's mistake, not the server's.
      if (!(await client.list()).some((f) => f.path === target)) throw new MailroomError("NOT_FOUND", "The folder to move to doesn't exist. It may have been renamed or deleted.");
      // A bare NO (Cyrus: no [NOPERM]): the session's rights on both ends say whether that was it.
      if (await lacksRights(client, folder, NEEDS.move)) throw permissionDenied(client, "move", folder);
      if (await lacksRights(client, target, NEEDS.insert)) throw permissionDenied(client, "insert", target);
      throw new MailroomError("MAIL_SERVER_ERROR", "The mail server refused to move these messages.");
    }
    // COPYUID (UIDPLUS): the UIDs the messages got in the target, which undo moves back by.
    return res.uidMap?.size ? [...res.uidMap.entries()] : undefined;
  } catch (err) {
    if (err instanceof MailroomError) throw err;
    // NOPERM here is about the source (no t/e right) or the target (no i right); the source was
    // checked above for the common read-only case, so name the target.
    await rethrow(client, err, isSharedPath(client, target) ? "insert" : "move", isSharedPath(client, target) ? target : folder);
  } finally {
    lock.release();
  }
}

/** Delete moves to Trash; inside Trash (or when the folder is the Trash) it deletes for good. */
export async function removeMessages(client: ImapFlow, folder: string, uids: number[]): Promise<Removed> {
  let trash = await findSpecialFolder(client, "\\Trash");
  if (!trash) {
    trash = "Trash";
    await client.mailboxCreate(trash).catch(() => {});
  }
  if (folder === trash) {
    const lock = await client.getMailboxLock(folder);
    try {
      if (client.mailbox && client.mailbox.readOnly) throw permissionDenied(client, "delete", folder);
      await client.messageDelete(range(uids), { uid: true });
    } catch (err) {
      if (err instanceof MailroomError) throw err;
      await rethrow(client, err, "delete", folder);
    } finally {
      lock.release();
    }
    return { destination: "" };
  }
  let moved: MovedUids | undefined;
  try {
    moved = await moveMessages(client, folder, uids, trash);
  } catch (err) {
    // Moving to Trash is how a delete looks to the server; say "delete" to the person.
    if (err instanceof MailroomError && err.code === "PERMISSION_DENIED") throw permissionDenied(client, "delete", folder, err);
    throw err;
  }
  return { destination: trash, moved };
}

/** Every UID of the folder, or its unread ones: one UID SEARCH, bounded by `max` (the newest kept). */
export async function searchUids(client: ImapFlow, folder: string, unseen: boolean, max: number): Promise<number[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    return await newestMatches(client, unseen ? { seen: false } : { all: true }, max);
  } catch (err) {
    throw mapImapError(err);
  } finally {
    lock.release();
  }
}
