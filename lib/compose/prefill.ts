import "server-only";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import type { Address } from "@/lib/shared/types";
import {
  cleanHeaderText,
  draftKeyOf,
  formatAddress,
  forwardSubject,
  isMessageId,
  replyAllRecipients,
  replyReferences,
  replySubject,
  type ComposeMode,
  type ComposePrefill,
  type UploadInfo,
} from "@/lib/shared/compose";
import { forwardHtml, replyHtml, textToHtml } from "@/lib/shared/compose-text";
import { ORIGINAL_HEADER, parseOriginalHeader } from "@/lib/smtp/build-message";
import { deleteUpload, storeUploadBuffer, uploadLimitBytes } from "@/lib/compose/uploads";
import { quotaExceeded, storageRoom } from "@/lib/mail/storage-quota";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { readUnresolved } from "@/lib/compose/unresolved";

const MAX_ORIGINAL = 50 * 1024 * 1024;

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((o) => o.value).flatMap((v) => (v.group ? v.group : [v])).filter((v) => v.address).map((v) => ({ name: cleanHeaderText(v.name ?? "", 200), address: v.address! }));
}

function ids(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? value.split(/\s+/) : [];
  return list.map((s) => s.trim()).filter(isMessageId);
}

/** The <body> of an HTML document (our drafts wrap the editor's fragment in one). */
function bodyOf(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return (m ? m[1]! : html).trim();
}

/**
 * Copies of files for the composer, held to what an upload from the browser is held to: the attachment
 * limit per file and the room left in the account's storage (ACCOUNT_STORAGE_MAX_MB) for all of them.
 * A forward that does not fit is refused whole, with nothing left behind; without this, each forward of
 * a big message wrote another copy of it to disk.
 */
async function copyFiles(email: string, files: { content: Buffer; filename: string; contentType: string }[]): Promise<UploadInfo[]> {
  if (files.length === 0) return [];
  const room = await storageRoom(email);
  const needed = files.reduce((n, f) => n + f.content.length, 0);
  const big = files.find((f) => f.content.length > uploadLimitBytes());
  if (big) throw new MailroomError("ATTACHMENT_TOO_LARGE", `“${cleanHeaderText(big.filename, 80)}” is larger than the attachment limit of ${env().UPLOAD_MAX_MB} MB, so it cannot be attached again here. Share it another way, for example by a link.`);
  if (needed > room) throw quotaExceeded("The message's attachments were not copied into the composer.");
  const out: UploadInfo[] = [];
  try {
    for (const f of files) out.push(await storeUploadBuffer(email, f.content, f, Math.min(uploadLimitBytes(), room)));
  } catch (err) {
    await Promise.all(out.map((u) => deleteUpload(email, u.id)));
    throw err;
  }
  return out;
}

function attachmentsOf(parsed: ParsedMail) {
  // Images shown inside an HTML body (cid:) are not forwarded: the quote is plain text.
  return parsed.attachments.filter((a) => !(a.related && a.contentDisposition === "inline")).map((a) => ({ content: a.content, filename: a.filename ?? "attachment", contentType: a.contentType }));
}

const displayName = (a: Address | undefined) => (a ? a.name || a.address : "Someone");

/**
 * What the composer opens with for a reply, reply-all, forward (inline or as an attachment), or a draft
 * reopened from the Drafts folder. Reads the original's source through the MailStore.
 */
export async function prefill(session: MailSession, store: MailStore, ref: { folder: string; uid: number; mode: ComposeMode | "draft" }): Promise<ComposePrefill> {
  const raw = await store.readRaw(ref.folder, ref.uid, MAX_ORIGINAL);
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  const from = addresses(parsed.from);
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  const replyTo = addresses(parsed.replyTo);
  const subject = cleanHeaderText(parsed.subject ?? "");
  const messageId = parsed.messageId && isMessageId(parsed.messageId) ? parsed.messageId : null;
  const references = ids(parsed.references);
  const inReplyTo = ids(parsed.inReplyTo)[0] ?? null;
  const date = parsed.date ?? new Date();
  const text = parsed.text ?? "";
  const empty: ComposePrefill = { to: [], cc: [], bcc: [], subject: "", html: "<p></p>", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: null };

  if (ref.mode === "draft") {
    const marker = parsed.headers.get(ORIGINAL_HEADER.toLowerCase());
    const unresolved = readUnresolved(parsed);
    return {
      to: [...to.map(formatAddress), ...unresolved.to],
      cc: [...cc.map(formatAddress), ...unresolved.cc],
      bcc: [...addresses(parsed.bcc).map(formatAddress), ...unresolved.bcc],
      subject,
      html: parsed.html ? bodyOf(parsed.html) : textToHtml(text),
      attachments: await copyFiles(session.email, attachmentsOf(parsed)),
      original: parseOriginalHeader(typeof marker === "string" ? marker : undefined),
      inReplyTo,
      references,
      draftUid: ref.uid,
      draftKey: draftKeyOf(messageId),
    };
  }

  const original = { folder: ref.folder, uid: ref.uid, mode: ref.mode };
  const thread = replyReferences({ messageId, references, inReplyTo });
  if (ref.mode === "reply" || ref.mode === "replyAll") {
    const rcpt =
      ref.mode === "replyAll"
        ? replyAllRecipients({ from: from[0] ?? null, replyTo, to, cc }, session.email)
        : // Replying to my own sent message goes to its recipients, as reply-all does.
          from[0]?.address.toLowerCase() === session.email.toLowerCase() && !replyTo.length
          ? { to: to.slice(0, 1), cc: [] }
          : { to: replyTo.length ? replyTo : from, cc: [] };
    return {
      ...empty,
      to: rcpt.to.map(formatAddress),
      cc: rcpt.cc.map(formatAddress),
      subject: replySubject(subject),
      html: replyHtml({ date, name: displayName(from[0]), text }),
      original,
      inReplyTo: messageId,
      references: thread,
    };
  }
  if (ref.mode === "forward") {
    return {
      ...empty,
      subject: forwardSubject(subject),
      html: forwardHtml({ from: from.map(formatAddress).join(", "), date, subject, to: to.map(formatAddress).join(", "), cc: cc.map(formatAddress).join(", "), text }),
      attachments: await copyFiles(session.email, attachmentsOf(parsed)),
      original,
      references: thread,
    };
  }
  // Forward as attachment: the original's exact bytes as message/rfc822.
  const name = (subject.replace(/[\\/:*?"<>|]+/g, " ").trim().slice(0, 80) || "message") + ".eml";
  return {
    ...empty,
    subject: forwardSubject(subject),
    attachments: await copyFiles(session.email, [{ content: raw, filename: name, contentType: "message/rfc822" }]),
    original: { ...original, mode: "forwardAttachment" },
    references: thread,
  };
}
