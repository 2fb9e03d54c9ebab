import "server-only";
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import type { MessageDetail } from "@/lib/shared/types";
import { analyseStructure } from "@/lib/imap/body-structure";
import { SUMMARY_QUERY, rawHeaders, toAddresses, toSummary } from "@/lib/imap/list-messages";
import { parseMessage, rawFallback, type ParsedBody } from "@/lib/mime/parse-message";
import { parseBigMessage } from "@/lib/imap/big-message";
import type { SanitizeResult } from "@/lib/mime/sanitize";
import { bodyFields, sanitizedBlock } from "@/lib/mime/detail-blocks";
import { bodyKey, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";
import { expandTnef } from "@/lib/mime/tnef";

// Messages up to this size are fetched whole (with their summary, in one FETCH) and parsed; bigger
// ones as a slim copy (lib/imap/big-message.ts), so a 50 MB attachment never passes through.
const WHOLE_LIMIT = 4 * 1024 * 1024;
const TEXT_PART_LIMIT = 2 * 1024 * 1024;

export const GONE = "This message was moved or deleted by someone else.";
export const NEVER_EXISTED = "There is no such message in this folder. Check the link.";

/**
 * Why a UID is not in the selected folder. UIDs only grow (RFC 3501 2.3.1.1): one at or past UIDNEXT
 * was never given out, so "moved or deleted by someone else" would be false; one below it was.
 */
export async function missingMessage(client: ImapFlow, uid: number): Promise<MailroomError> {
  // The connection's UIDNEXT is from its SELECT and goes stale as others append: ask the server now
  // (a message appended and deleted since would otherwise look as if it never existed).
  const path = client.mailbox ? client.mailbox.path : null;
  const status = path ? await client.status(path, { uidNext: true }).catch(() => null) : null;
  const next = Number((status ? status.uidNext : undefined) ?? (client.mailbox ? client.mailbox.uidNext : 0));
  if (next > 0 && uid >= next) return new MailroomError("NOT_FOUND", NEVER_EXISTED);
  return new MailroomError("MESSAGE_GONE", GONE);
}

function keyFor(client: ImapFlow, account: string, folder: string, uid: number): string {
  return bodyKey(account, folder, String(client.mailbox ? client.mailbox.uidValidity : 0), uid);
}

/** Summary fields, plus the whole source when the message is small and its body is not cached yet. */
async function fetchMessage(client: ImapFlow, uid: number, withSource: boolean): Promise<FetchMessageObject> {
  const query = withSource ? { ...SUMMARY_QUERY, source: { maxLength: WHOLE_LIMIT + 1 } } : SUMMARY_QUERY;
  const msg = await client.fetchOne(String(uid), query, { uid: true });
  if (!msg) throw await missingMessage(client, uid);
  return msg;
}

async function parseBody(client: ImapFlow, msg: FetchMessageObject): Promise<ParsedBody> {
  const size = msg.size ?? 0;
  if (size <= WHOLE_LIMIT && msg.source) return parseMessage(msg.source);
  // Too big to fetch whole: a slim copy (every header and readable part, no big attachment) parsed the same way.
  if (msg.bodyStructure) return parseBigMessage(client, msg.uid, msg.bodyStructure);
  const head = await client.fetchOne(String(msg.uid), { uid: true, source: { maxLength: TEXT_PART_LIMIT } }, { uid: true });
  return rawFallback(head && head.source ? head.source : Buffer.alloc(0));
}

/**
 * The message and its parsed body; the body comes from the cache when this UIDVALIDITY+UID was parsed before.
 * `synced`: the folder was selected just now. A connection that had it open already is synced with NOOP
 * first: Dovecot adds mail appended by others to a session's view on NOOP, not on FETCH (a brand-new
 * message would read as missing), and still serves a message others expunged to a session it has not
 * told yet (RFC 3501 §7.4.1), so "moved or deleted by someone else" would show stale data instead.
 */
async function loadMessage(client: ImapFlow, account: string, folder: string, uid: number, synced: boolean) {
  const key = keyFor(client, account, folder, uid);
  const cached = getCachedBody(key);
  if (!synced) await client.noop();
  const msg = await fetchMessage(client, uid, !cached);
  const structure = analyseStructure(msg.bodyStructure);
  let body = cached;
  if (!body) {
    body = await parseBody(client, msg);
    putCachedBody(key, body);
  }
  return { msg, structure, body };
}

export async function getMessage(client: ImapFlow, account: string, folder: string, uid: number, peek: boolean): Promise<MessageDetail> {
  const wasOpen = client.mailbox !== false && client.mailbox?.path === folder;
  const lock = await client.getMailboxLock(folder);
  try {
    const { msg, structure, body } = await loadMessage(client, account, folder, uid, !wasOpen);
    const raw = rawHeaders(msg);
    const summary = toSummary(msg, raw);
    if (!peek && !summary.seen) {
      // False where the ACL has no "s" right (a read-only shared folder): reading is still allowed.
      summary.seen = (await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true })) !== false;
    }
    const env = msg.envelope;
    return {
      ...summary,
      folder,
      cc: raw?.cc ?? toAddresses(env?.cc),
      replyTo: raw?.replyTo ?? toAddresses(env?.replyTo),
      messageId: env?.messageId ?? null,
      ...bodyFields(body, uid, folder),
      // The walk over the whole message knows every part; BODYSTRUCTURE stands in for a raw fallback.
      attachments: expandTnef(body.structure?.attachments ?? structure.attachments, body.tnef),
      invites: body.invites?.length ? body.invites : undefined,
      ...(body.notes?.length ? { encodingNotes: body.notes } : {}),
    };
  } finally {
    lock.release();
  }
}

export async function renderBody(client: ImapFlow, account: string, folder: string, uid: number, allowRemote: boolean, block = 0): Promise<SanitizeResult> {
  const wasOpen = client.mailbox !== false && client.mailbox?.path === folder;
  const lock = await client.getMailboxLock(folder);
  try {
    const key = keyFor(client, account, folder, uid);
    const body = getCachedBody(key) ?? (await loadMessage(client, account, folder, uid, !wasOpen)).body;
    return sanitizedBlock(body, block, allowRemote);
  } finally {
    lock.release();
  }
}
