import "server-only";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import type { MessageDetail } from "@/lib/shared/types";
import { analyseStructure } from "@/lib/imap/body-structure";
import { SUMMARY_QUERY, toAddresses, toSummary } from "@/lib/imap/list-messages";
import { parseMessage, rawFallback, type ParsedBody } from "@/lib/mime/parse-message";
import { sanitizeMailHtml } from "@/lib/mime/sanitize";
import { bodyKey, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";

// Messages up to this size are fetched whole and parsed by mailparser; bigger ones only fetch their text parts.
const WHOLE_LIMIT = 4 * 1024 * 1024;
const TEXT_PART_LIMIT = 2 * 1024 * 1024;

export const GONE = "This message was moved or deleted by someone else.";

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks).toString("utf8");
}

/** Loads the parsed body, from the cache when this exact message (UIDVALIDITY + UID) was parsed before. */
async function loadBody(client: ImapFlow, account: string, folder: string, uid: number, size: number, structure: ReturnType<typeof analyseStructure>): Promise<ParsedBody> {
  const key = bodyKey(account, folder, String(client.mailbox ? client.mailbox.uidValidity : 0), uid);
  const cached = getCachedBody(key);
  if (cached) return cached;
  let body: ParsedBody;
  if (size <= WHOLE_LIMIT) {
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!msg || !msg.source) throw new MailroomError("MESSAGE_GONE", GONE);
    body = await parseMessage(msg.source);
  } else {
    const part = structure.html ?? structure.text;
    if (!part?.part) {
      const msg = await client.fetchOne(String(uid), { uid: true, source: { maxLength: TEXT_PART_LIMIT } }, { uid: true });
      body = rawFallback(msg && msg.source ? msg.source : Buffer.alloc(0));
    } else {
      const dl = await client.download(String(uid), part.part, { uid: true, maxBytes: TEXT_PART_LIMIT });
      const content = "content" in dl && dl.content ? await readStream(dl.content) : "";
      body = part === structure.html ? { html: content, text: null, raw: null } : { html: null, text: content, raw: null };
    }
  }
  putCachedBody(key, body);
  return body;
}

async function fetchMeta(client: ImapFlow, uid: number) {
  const msg = await client.fetchOne(String(uid), SUMMARY_QUERY, { uid: true });
  if (!msg) throw new MailroomError("MESSAGE_GONE", GONE);
  return msg;
}

export async function getMessage(client: ImapFlow, account: string, folder: string, uid: number, peek: boolean): Promise<MessageDetail> {
  const lock = await client.getMailboxLock(folder);
  try {
    const meta = await fetchMeta(client, uid);
    const structure = analyseStructure(meta.bodyStructure);
    const body = await loadBody(client, account, folder, uid, meta.size ?? 0, structure);
    const summary = toSummary(meta);
    if (!peek && !summary.seen) {
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      summary.seen = true;
    }
    const env = meta.envelope;
    const q = `folder=${encodeURIComponent(folder)}`;
    const bodyKind = body.raw !== null ? "raw" : body.html !== null ? "html" : "text";
    return {
      ...summary,
      folder,
      cc: toAddresses(env?.cc),
      replyTo: toAddresses(env?.replyTo),
      messageId: env?.messageId ?? null,
      bodyKind,
      text: bodyKind === "raw" ? body.raw : bodyKind === "text" ? (body.text ?? "") : null,
      bodyUrl: bodyKind === "html" ? `/api/messages/${uid}/body?${q}` : null,
      hasRemoteContent: bodyKind === "html" ? sanitizeMailHtml(body.html ?? "", { allowRemote: false }).hasRemoteContent : false,
      attachments: structure.attachments,
    };
  } finally {
    lock.release();
  }
}

export async function renderBody(client: ImapFlow, account: string, folder: string, uid: number, allowRemote: boolean) {
  const lock = await client.getMailboxLock(folder);
  try {
    const key = bodyKey(account, folder, String(client.mailbox ? client.mailbox.uidValidity : 0), uid);
    let body = getCachedBody(key);
    if (!body) {
      const meta = await fetchMeta(client, uid);
      body = await loadBody(client, account, folder, uid, meta.size ?? 0, analyseStructure(meta.bodyStructure));
    }
    if (body.html === null) throw new MailroomError("NOT_FOUND", "This message has no HTML body.");
    return sanitizeMailHtml(body.html, { allowRemote });
  } finally {
    lock.release();
  }
}
