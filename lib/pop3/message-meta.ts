import "server-only";
import { MailParser, type AddressObject, type AttachmentStream, type EmailAddress, type MessageText } from "mailparser";
import { pipeline, type Readable } from "node:stream";
import { capLines } from "@/lib/pop3/cap-lines";
import { HEAD_LIMIT, readHeadMeta } from "@/lib/pop3/message-head";
import type { MessageMeta } from "@/lib/cache/cache-store";
import type { Address, Attachment } from "@/lib/shared/types";
import { cleanAttachmentName, extensionForType } from "@/lib/shared/attachment-name";

// Enough body text for search; a long newsletter's tail adds little but index size.
const SEARCH_TEXT_LIMIT = 200 * 1024;

function flatten(list: EmailAddress[] | undefined, out: Address[] = []): Address[] {
  for (const a of list ?? []) {
    if (a.group) flatten(a.group, out);
    else if (a.address || a.name) out.push({ name: a.name ?? "", address: a.address ?? "" });
  }
  return out;
}

function addresses(v: unknown): Address[] {
  const objs = (Array.isArray(v) ? v : v ? [v] : []) as AddressObject[];
  return objs.flatMap((o) => flatten(o?.value));
}

/** The attachment as listed to the UI; cid: images shown inside the HTML are not listed, like IMAP's analyseStructure. */
function listed(att: AttachmentStream, partId: string, size: number): Attachment | null {
  const type = (att.contentType || "application/octet-stream").toLowerCase();
  const isAttachment = att.contentDisposition?.toLowerCase() === "attachment";
  if (!isAttachment && att.cid && type.startsWith("image/") && att.related) return null;
  return { partId, filename: att.filename ? cleanAttachmentName(att.filename, type) : `attachment-${partId}.${extensionForType(type)}`, contentType: type, size };
}

type AttachmentHandler = (att: AttachmentStream, partId: string) => Promise<"stop" | void>;

/**
 * Runs a message through mailparser's streaming parser. Attachments are numbered "1", "2", … in the
 * order mailparser emits them — the partId scheme of the POP3 cache — and handed to `onAttachment`,
 * which must consume or drop the content. Nothing but the text parts is held in memory.
 */
export function walkMessage(source: Readable, onAttachment: AttachmentHandler): Promise<{ headers: Map<string, unknown>; text: MessageText | null }> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({ skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 2 * 1024 * 1024 });
    let headers = new Map<string, unknown>();
    let text: MessageText | null = null;
    let index = 0;
    let stopped = false;
    const fail = (err: unknown) => {
      source.destroy();
      parser.destroy();
      reject(err);
    };
    parser.on("headers", (h: Map<string, unknown>) => (headers = h));
    parser.on("data", (data: AttachmentStream | MessageText) => {
      if (data.type === "text") {
        text = data;
        return;
      }
      const att = data as AttachmentStream;
      const partId = String(++index);
      if (stopped) {
        (att.content as Readable).resume();
        att.content.on("end", () => att.release?.());
        return;
      }
      onAttachment(att, partId).then((r) => {
        if (r === "stop") {
          stopped = true;
          source.unpipe(parser);
          source.destroy();
          resolve({ headers, text });
        }
      }, fail);
    });
    parser.on("end", () => resolve({ headers, text }));
    parser.on("error", fail);
    source.on("error", fail);
    source.pipe(parser);
  });
}

/** Drains an attachment stream, counting its decoded bytes. */
function drain(att: AttachmentStream): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const content = att.content as Readable;
    content.on("data", (c: Buffer) => (size += c.length));
    content.on("end", () => {
      att.release?.();
      resolve(size);
    });
    content.on("error", reject);
  });
}

/** The header block's bytes (up to HEAD_LIMIT), read again from the start of the stored message. */
async function readHead(open: () => Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  const stream = open();
  try {
    let tail = Buffer.alloc(0);
    for await (const c of stream) {
      chunks.push(c as Buffer);
      n += (c as Buffer).length;
      // Only the new chunk (and the last bytes before it) can hold the blank line: linear, not quadratic.
      const probe = Buffer.concat([tail, c as Buffer]);
      if (n >= HEAD_LIMIT || probe.includes("\r\n\r\n") || probe.includes("\n\n")) break;
      tail = probe.subarray(-3);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

/** Crude header read for messages mailparser rejects: enough to list them. */
function fallbackMeta(head: string): MessageMeta {
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(head.split(/\r?\n\r?\n/)[0] ?? "")?.[1]?.trim() ?? "";
  const date = Date.parse(header("Date"));
  return {
    subject: header("Subject"), from: header("From") ? { name: header("From"), address: "" } : null, to: [], cc: [], replyTo: [],
    messageId: header("Message-ID") || null, date: Number.isFinite(date) ? date : Date.now(), attachments: [], searchText: head.slice(0, SEARCH_TEXT_LIMIT),
  };
}

/** Headers, attachment list and search text of a stored message, read as a stream. */
export async function readMessageMeta(open: () => Readable, fallbackDate: number): Promise<MessageMeta> {
  const attachments: Attachment[] = [];
  try {
    // Lines cut to 1 MB for the listing only (see capLines); the stored message is untouched.
    const source = pipeline(open(), capLines(), () => {});
    const { headers, text } = await walkMessage(source, async (att, partId) => {
      const size = await drain(att);
      const item = listed(att, partId, size);
      if (item) attachments.push(item);
    });
    const date = headers.get("date");
    const t = text as MessageText | null;
    const body = t?.text ?? "";
    // mailparser reads raw 8-bit header bytes as UTF-8 (U+FFFD for Latin-1): the head is read again by the list's rules.
    const head = readHeadMeta(await readHead(open), fallbackDate);
    return {
      subject: head ? head.subject : typeof headers.get("subject") === "string" ? (headers.get("subject") as string) : "",
      from: head ? head.from : (addresses(headers.get("from"))[0] ?? null),
      ...(head?.fromAll ? { fromAll: head.fromAll, fromHeaders: head.fromHeaders } : {}),
      to: head ? head.to : addresses(headers.get("to")),
      cc: head ? head.cc : addresses(headers.get("cc")),
      replyTo: head ? head.replyTo : addresses(headers.get("reply-to")),
      messageId: typeof headers.get("message-id") === "string" ? (headers.get("message-id") as string) : null,
      date: date instanceof Date && !Number.isNaN(date.getTime()) ? date.getTime() : fallbackDate,
      attachments,
      searchText: body.slice(0, SEARCH_TEXT_LIMIT),
    };
  } catch {
    // Stored raw all the same: it opens as raw text (parse-message's rawFallback).
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of open()) {
      chunks.push(c as Buffer);
      n += (c as Buffer).length;
      if (n > SEARCH_TEXT_LIMIT) break;
    }
    return fallbackMeta(Buffer.concat(chunks).toString("utf8"));
  }
}
