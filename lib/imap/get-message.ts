import "server-only";
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import type { MessageDetail } from "@/lib/shared/types";
import { analyseStructure, findStructurePart, type BodyParts } from "@/lib/imap/body-structure";
import { SUMMARY_QUERY, rawHeaders, toAddresses, toSummary } from "@/lib/imap/list-messages";
import { parseMessage, rawFallback, singlePartBody, type ParsedBody } from "@/lib/mime/parse-message";
import type { SanitizeResult } from "@/lib/mime/sanitize";
import { bodyFields, sanitizedBlock } from "@/lib/mime/detail-blocks";
import { bodyKey, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";
import { fetchAttachedParts } from "@/lib/imap/fetch-attached-parts";
import { expandTnef } from "@/lib/mime/tnef";

// Messages up to this size are fetched whole (with their summary, in one FETCH) and parsed by
// mailparser; bigger ones fetch only their text part, so a 50 MB attachment never passes through.
const WHOLE_LIMIT = 4 * 1024 * 1024;
const TEXT_PART_LIMIT = 2 * 1024 * 1024;
// cid: images of such a message: each at most this big, all of them at most CID_BUDGET.
const CID_PART_LIMIT = 4 * 1024 * 1024;
const CID_BUDGET = 8 * 1024 * 1024;

export const GONE = "This message was moved or deleted by someone else.";

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

async function downloadPart(client: ImapFlow, uid: number, part: string, maxBytes: number): Promise<Buffer> {
  const dl = await client.download(String(uid), part, { uid: true, maxBytes });
  if (!("content" in dl) || !dl.content) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of dl.content) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

const PREVIEW_TYPES = /^image\/(png|jpeg|gif|webp)$/;

/**
 * cid: images of a message too big to fetch whole: each referenced Content-ID is mapped to its part by
 * BODYSTRUCTURE and only that part is fetched, then inlined as a data: URI. (An URL to the attachment
 * route would not load: the body frame is sandboxed without same-origin, so it sends no session
 * cookie, and its CSP allows images only from data: until remote images are allowed.)
 */
async function inlineCidImages(client: ImapFlow, uid: number, html: string, structure: BodyParts): Promise<{ html: string; referenced: Set<string> }> {
  const referenced = new Set<string>();
  const found = new Map<string, string>();
  let budget = CID_BUDGET;
  for (const m of html.matchAll(/cid:([^"'\s)>]+)/gi)) {
    const cid = m[1]!;
    const node = structure.inline.get(cid);
    if (!node?.part || found.has(cid)) continue;
    referenced.add(cid);
    const type = (node.type || "").toLowerCase();
    if (!PREVIEW_TYPES.test(type) || budget <= 0) continue;
    const bytes = await downloadPart(client, uid, node.part, Math.min(budget, CID_PART_LIMIT));
    budget -= bytes.length;
    found.set(cid, `data:${type};base64,${bytes.toString("base64")}`);
  }
  return { html: html.replace(/cid:([^"'\s)>]+)/gi, (whole, cid: string) => found.get(cid) ?? whole), referenced };
}

async function parseBody(client: ImapFlow, msg: FetchMessageObject, structure: BodyParts): Promise<ParsedBody> {
  const size = msg.size ?? 0;
  if (size <= WHOLE_LIMIT && msg.source) return parseMessage(msg.source);
  const extras = await fetchAttachedParts(client, msg.uid, structure);
  // A winmail.dat's body stands in for a missing or empty text part (not for the raw-source fallback).
  const hasTextPart = Boolean((structure.html ?? structure.text)?.part);
  let body = hasTextPart || !extras.body ? await parseTextPart(client, msg, structure) : null;
  if ((!body || (body.raw === null && !body.html && !body.text?.trim())) && extras.body) {
    const { html, text } = extras.body;
    body = withAttachments(html ? singlePartBody("html", html) : singlePartBody("text", text ?? ""), structure, new Set());
  }
  return { ...body!, invites: extras.invites, tnef: extras.tnef };
}

async function parseTextPart(client: ImapFlow, msg: FetchMessageObject, structure: BodyParts): Promise<ParsedBody> {
  const part = structure.html ?? structure.text;
  if (!part?.part) {
    const head = await client.fetchOne(String(msg.uid), { uid: true, source: { maxLength: TEXT_PART_LIMIT } }, { uid: true });
    return rawFallback(head && head.source ? head.source : Buffer.alloc(0));
  }
  const content = (await downloadPart(client, msg.uid, part.part, TEXT_PART_LIMIT)).toString("utf8");
  if (part !== structure.html) return withAttachments(singlePartBody("text", content), structure, new Set());
  const inlined = await inlineCidImages(client, msg.uid, content, structure);
  return withAttachments(singlePartBody("html", inlined.html), structure, inlined.referenced);
}

/** The attachment list of a big message: BODYSTRUCTURE's, plus the Content-ID images its HTML does not show. */
function withAttachments(body: ParsedBody, structure: BodyParts, referenced: Set<string>): ParsedBody {
  const list = [...structure.attachments];
  for (const [cid, node] of structure.inline) {
    if (referenced.has(cid) || !node.part) continue;
    const p = findStructurePart(node, node.part);
    if (p) list.push({ partId: node.part, filename: p.filename, contentType: p.contentType, size: Math.floor(((node.size ?? 0) * 3) / 4) });
  }
  body.structure!.attachments = list;
  return body;
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

export async function getMessage(client: ImapFlow, account: string, folder: string, uid: number, peek: boolean): Promise<MessageDetail> {
  const lock = await client.getMailboxLock(folder);
  try {
    const { msg, structure, body } = await loadMessage(client, account, folder, uid);
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
  const lock = await client.getMailboxLock(folder);
  try {
    const key = keyFor(client, account, folder, uid);
    const body = getCachedBody(key) ?? (await loadMessage(client, account, folder, uid)).body;
    return sanitizedBlock(body, block, allowRemote);
  } finally {
    lock.release();
  }
}
