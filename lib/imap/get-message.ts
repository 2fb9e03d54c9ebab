import "server-only";
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import type { MessageDetail } from "@/lib/shared/types";
import { analyseStructure, type BodyParts } from "@/lib/imap/body-structure";
import { SUMMARY_QUERY, toAddresses, toSummary } from "@/lib/imap/list-messages";
import { parseMessage, rawFallback, type ParsedBody } from "@/lib/mime/parse-message";
import { sanitizeMailHtml, type SanitizeResult } from "@/lib/mime/sanitize";
import { bodyKey, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";
import { fetchAttachedParts } from "@/lib/imap/fetch-attached-parts";
import { expandTnef } from "@/lib/mime/tnef";

// Messages up to this size are fetched whole (with their summary, in one FETCH) and parsed by
// mailparser; bigger ones fetch only their text part, so a 50 MB attachment never passes through.
const WHOLE_LIMIT = 4 * 1024 * 1024;
const TEXT_PART_LIMIT = 2 * 1024 * 1024;

export const GONE = "This message was moved or deleted by someone else.";

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks).toString("utf8");
}

function keyFor(client: ImapFlow, account: string, folder: string, uid: number): string {
  return bodyKey(account, folder, String(client.mailbox ? client.mailbox.uidValidity : 0), uid);
}

/** Summary fields, plus the whole source when the message is small and its body is not cached yet. */
async function fetchMessage(client: ImapFlow, uid: number, withSource: boolean): Promise<FetchMessageObject> {
  const query = withSource ? { ...SUMMARY_QUERY, source: { maxLength: WHOLE_LIMIT + 1 } } : SUMMARY_QUERY;
  const msg = await client.fetchOne(String(uid), query, { uid: true });
  if (!msg) throw new MailroomError("MESSAGE_GONE", GONE);
  return msg;
}

async function parseBody(client: ImapFlow, msg: FetchMessageObject, structure: BodyParts): Promise<ParsedBody> {
  const size = msg.size ?? 0;
  if (size <= WHOLE_LIMIT && msg.source) return parseMessage(msg.source);
  const extras = await fetchAttachedParts(client, msg.uid, structure);
  // A winmail.dat's body stands in for a missing or empty text part (not for the raw-source fallback).
  const hasTextPart = Boolean((structure.html ?? structure.text)?.part);
  const body: ParsedBody = !hasTextPart && extras.body ? { ...extras.body, raw: null } : await parseTextPart(client, msg, structure);
  if (body.raw === null && !body.html && !body.text?.trim() && extras.body) Object.assign(body, extras.body);
  return { ...body, invites: extras.invites, tnef: extras.tnef };
}

async function parseTextPart(client: ImapFlow, msg: FetchMessageObject, structure: BodyParts): Promise<ParsedBody> {
  const part = structure.html ?? structure.text;
  if (!part?.part) {
    const head = await client.fetchOne(String(msg.uid), { uid: true, source: { maxLength: TEXT_PART_LIMIT } }, { uid: true });
    return rawFallback(head && head.source ? head.source : Buffer.alloc(0));
  }
  const dl = await client.download(String(msg.uid), part.part, { uid: true, maxBytes: TEXT_PART_LIMIT });
  const content = "content" in dl && dl.content ? await readStream(dl.content) : "";
  return part === structure.html ? { html: content, text: null, raw: null } : { html: null, text: content, raw: null };
}

/** The message and its parsed body; the body comes from the cache when this UIDVALIDITY+UID was parsed before. */
async function loadMessage(client: ImapFlow, account: string, folder: string, uid: number) {
  const key = keyFor(client, account, folder, uid);
  const cached = getCachedBody(key);
  // A re-read (cached body) usually follows a live "expunge" notice: this connection may not have
  // heard of the expunge yet, and Dovecot still serves an expunged message to a session that hasn't
  // (RFC 3501 §7.4.1). NOOP first, so "moved or deleted by someone else" is reported, not stale data.
  if (cached) await client.noop();
  const msg = await fetchMessage(client, uid, !cached);
  const structure = analyseStructure(msg.bodyStructure);
  let body = cached;
  if (!body) {
    body = await parseBody(client, msg, structure);
    putCachedBody(key, body);
  }
  return { msg, structure, body };
}

/** Sanitised once per message and setting; the JSON detail and the iframe's request share it. */
function sanitized(body: ParsedBody, allowRemote: boolean): SanitizeResult {
  const slot = allowRemote ? "sanitizedRemote" : "sanitized";
  const hit = body[slot];
  if (hit) return hit;
  const result = sanitizeMailHtml(body.html ?? "", { allowRemote });
  body[slot] = result;
  return result;
}

export async function getMessage(client: ImapFlow, account: string, folder: string, uid: number, peek: boolean): Promise<MessageDetail> {
  const lock = await client.getMailboxLock(folder);
  try {
    const { msg, structure, body } = await loadMessage(client, account, folder, uid);
    const summary = toSummary(msg);
    if (!peek && !summary.seen) {
      // False where the ACL has no "s" right (a read-only shared folder): reading is still allowed.
      summary.seen = (await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true })) !== false;
    }
    const env = msg.envelope;
    const bodyKind = body.raw !== null ? "raw" : body.html !== null ? "html" : "text";
    return {
      ...summary,
      folder,
      cc: toAddresses(env?.cc),
      replyTo: toAddresses(env?.replyTo),
      messageId: env?.messageId ?? null,
      bodyKind,
      text: bodyKind === "raw" ? body.raw : bodyKind === "text" ? (body.text ?? "") : null,
      bodyUrl: bodyKind === "html" ? `/api/messages/${uid}/body?folder=${encodeURIComponent(folder)}` : null,
      hasRemoteContent: bodyKind === "html" ? sanitized(body, false).hasRemoteContent : false,
      attachments: expandTnef(structure.attachments, body.tnef),
      invites: body.invites?.length ? body.invites : undefined,
    };
  } finally {
    lock.release();
  }
}

export async function renderBody(client: ImapFlow, account: string, folder: string, uid: number, allowRemote: boolean): Promise<SanitizeResult> {
  const lock = await client.getMailboxLock(folder);
  try {
    const key = keyFor(client, account, folder, uid);
    const body = getCachedBody(key) ?? (await loadMessage(client, account, folder, uid)).body;
    if (body.html === null) throw new MailroomError("NOT_FOUND", "This message has no HTML body.");
    return sanitized(body, allowRemote);
  } finally {
    lock.release();
  }
}
