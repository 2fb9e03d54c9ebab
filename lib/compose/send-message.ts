import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { logger } from "@/lib/logger";
import { draftMessageId, type SaveDraftResponse } from "@/lib/shared/compose";
import { buildMessage, envelopeRecipients, newMessageId, type OutgoingMessage } from "@/lib/smtp/build-message";
import { sendRaw } from "@/lib/smtp/send-raw";
import { parseRecipients, type ComposeBody } from "@/lib/compose/compose-input";
import { deleteUpload, getUpload } from "@/lib/compose/uploads";
import { fromNameFor } from "@/lib/settings/account-settings";
import { UNRESOLVED_HEADER, unresolvedHeaderValues } from "@/lib/compose/unresolved";
import { recordReplied } from "@/lib/activity/record-actions";

async function outgoing(session: MailSession, body: ComposeBody, strict: boolean): Promise<OutgoingMessage> {
  const rcpt = parseRecipients(body, { strict });
  const attachments = await Promise.all(body.attachments.map((id) => getUpload(session.email, id)));
  const fromName = await fromNameFor(session.email, session.name, body.identityId);
  return {
    from: { name: fromName, address: session.email },
    ...rcpt,
    subject: body.subject,
    html: body.html,
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, path: a.path })),
    inReplyTo: body.inReplyTo,
    references: body.references,
    messageId: newMessageId(session.email),
    date: new Date(),
    original: body.original,
  };
}

/** Saves the composer's state as the new version of its draft (entries that are not addresses yet are left out). */
export async function saveDraft(session: MailSession, store: MailStore, body: ComposeBody): Promise<SaveDraftResponse> {
  const msg = await outgoing(session, body, false);
  const messageId = body.draftKey ? draftMessageId(body.draftKey, session.email) : msg.messageId;
  // Entries that are not addresses yet stay in the draft as marked chips (lib/compose/unresolved.ts).
  const unresolved = unresolvedHeaderValues(body);
  const raw = await buildMessage({ ...msg, messageId }, { keepBcc: true, draft: true, draftHeaders: unresolved.length ? { [UNRESOLVED_HEADER]: unresolved } : undefined });
  return store.saveDraft(raw, { uid: body.draftUid, messageId: body.draftKey ? messageId : null });
}

export interface SendResult {
  sentFolder: string;
  messageId: string;
  /** Recipients the server refused while accepting the others. */
  rejected: string[];
  /** Set when the message went out but a step after it (Sent copy) failed. */
  warning: string | null;
}

/**
 * Sends: the same MIME (without Bcc) over SMTP as the user, then the copy with Bcc into Sent, then
 * \Answered/$Forwarded on the original, then the draft and the uploads go. If SMTP fails nothing after
 * it runs, and the draft (saved by the composer) stays.
 */
export async function sendMessage(session: MailSession, store: MailStore, body: ComposeBody): Promise<SendResult> {
  const msg = await outgoing(session, body, true);
  const wire = await buildMessage(msg, { keepBcc: false });
  const { rejected } = await sendRaw(session.creds, { from: session.email, to: envelopeRecipients(msg) }, wire);

  let warning: string | null = null;
  let sentFolder = "";
  try {
    sentFolder = await store.appendSent(await buildMessage(msg, { keepBcc: true }));
  } catch (err) {
    logger.warn("sent copy failed", { error: err instanceof Error ? err.message : String(err) });
    warning = "Your message was sent, but a copy could not be saved in Sent.";
  }
  const after: Promise<unknown>[] = [];
  if (body.original && body.original.mode !== "new") {
    const kind = body.original.mode === "reply" || body.original.mode === "replyAll" ? "answered" : "forwarded";
    after.push(store.markReplied(body.original.folder, body.original.uid, kind));
    if (kind === "answered") after.push(recordReplied(session, store, body.original.folder, body.original.uid));
  }
  if (body.draftUid || body.draftKey) after.push(store.deleteDraft({ uid: body.draftUid, messageId: body.draftKey ? draftMessageId(body.draftKey, session.email) : null }));
  for (const id of body.attachments) after.push(deleteUpload(session.email, id));
  for (const r of await Promise.allSettled(after)) {
    if (r.status === "rejected") logger.warn("after-send step failed", { error: r.reason instanceof Error ? r.reason.message : String(r.reason) });
  }
  return { sentFolder, messageId: msg.messageId, rejected, warning };
}
