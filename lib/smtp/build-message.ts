import "server-only";
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import type { Address } from "@/lib/shared/types";
import { cleanHeaderText, isMessageId, type OriginalRef } from "@/lib/shared/compose";
import { htmlToText } from "@/lib/shared/compose-text";
import { cleanOutgoingHtml } from "@/lib/smtp/outgoing-html";

export interface FileAttachment {
  filename: string;
  contentType: string;
  /** Absolute path of the stored upload; read when the message is built. */
  path: string;
}

/** A message ready to build: every field already validated (see lib/compose/validate.ts). */
export interface OutgoingMessage {
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  html: string;
  attachments: FileAttachment[];
  inReplyTo: string | null;
  references: string[];
  messageId: string;
  date: Date;
  /** Drafts only: where the reply/forward came from, so a reopened draft still flags the original. */
  original?: OriginalRef | null;
}

export const ORIGINAL_HEADER = "X-Mailroom-Original";

export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split("@")[1]?.replace(/[^A-Za-z0-9.-]/g, "") || "mailroom.invalid";
  return `<${randomBytes(12).toString("hex")}.${Date.now().toString(36)}@${domain}>`;
}

const name = (a: Address): Mail.Address => ({ name: cleanHeaderText(a.name, 200), address: a.address });

/** The HTML part: the editor's fragment in a minimal document. */
function htmlDocument(fragment: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>${fragment}</body></html>`;
}

/**
 * MIME bytes of a message with nodemailer's MailComposer: text/plain made from the HTML plus text/html
 * (multipart/alternative), attachments around it. `keepBcc` for the stored copies (Sent, Drafts) only:
 * the copy that goes over SMTP never carries Bcc. Every header value is cleaned of CR/LF first.
 */
export async function buildMessage(msg: OutgoingMessage, opts: { keepBcc: boolean; draft?: boolean; draftHeaders?: Record<string, string[]> }): Promise<Buffer> {
  const headers: Record<string, string | string[]> = { ...(opts.draft ? opts.draftHeaders : undefined) };
  if (opts.draft && msg.original) headers[ORIGINAL_HEADER] = `${msg.original.mode}; uid=${msg.original.uid}; folder=${encodeURIComponent(msg.original.folder)}`;
  const html = cleanOutgoingHtml(msg.html);
  const mail: Mail.Options = {
    from: name(msg.from),
    to: msg.to.map(name),
    cc: msg.cc.map(name),
    bcc: msg.bcc.map(name),
    subject: cleanHeaderText(msg.subject),
    text: htmlToText(html),
    html: htmlDocument(html),
    messageId: msg.messageId,
    date: msg.date,
    inReplyTo: msg.inReplyTo && isMessageId(msg.inReplyTo) ? msg.inReplyTo : undefined,
    references: msg.references.filter(isMessageId),
    headers,
    attachments: msg.attachments.map((a) => ({
      filename: cleanHeaderText(a.filename, 200) || "attachment",
      contentType: a.contentType,
      // message/rfc822 (forward as attachment) is passed through unencoded by MailComposer.
      path: a.path,
    })),
    // Never read anything but the stored uploads we name above.
    disableUrlAccess: true,
  };
  const node = new MailComposer(mail).compile();
  node.keepBcc = opts.keepBcc;
  return node.build();
}

/** Envelope recipients: every To, Cc and Bcc address once. */
export function envelopeRecipients(msg: Pick<OutgoingMessage, "to" | "cc" | "bcc">): string[] {
  const seen = new Set<string>();
  return [...msg.to, ...msg.cc, ...msg.bcc].map((a) => a.address).filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

/** Reads the draft marker header back: `reply; uid=12; folder=INBOX`. */
export function parseOriginalHeader(value: string | undefined): OriginalRef | null {
  if (!value) return null;
  const m = /^(reply|replyAll|forward|forwardAttachment); uid=(\d+); folder=(\S+)$/.exec(value.trim());
  if (!m) return null;
  try {
    return { mode: m[1] as OriginalRef["mode"], uid: Number(m[2]), folder: decodeURIComponent(m[3]!) };
  } catch {
    return null;
  }
}
