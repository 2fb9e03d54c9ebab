import "server-only";
import type { FetchQueryObject, ImapFlow } from "imapflow";
import type { ThreadHeaders } from "@/lib/mail/store";
import type { MessageSummary } from "@/lib/shared/types";
import { SUMMARY_QUERY, toSummary } from "@/lib/imap/list-messages";
import { parseMessageIds } from "@/lib/shared/threading";

// Only the threading headers: a few hundred bytes a message, where THREAD REFERENCES would need a
// server extension (Dovecot has it, many servers do not) and would thread the whole folder.
const HEADER_QUERY: FetchQueryObject = { uid: true, envelope: true, headers: ["references"] };

function referencesOf(headers: Buffer | undefined): string[] {
  if (!headers?.length) return [];
  // The header block is "References: <a> <b>\r\n <c>\r\n"; folded lines continue it.
  const text = headers.toString("latin1").replace(/\r?\n[ \t]+/g, " ");
  const line = /^references:(.*)$/im.exec(text);
  return parseMessageIds(line?.[1]);
}

function headersOf(m: { uid: number; envelope?: { messageId?: string; inReplyTo?: string }; headers?: Buffer }): ThreadHeaders {
  return {
    uid: m.uid,
    messageId: parseMessageIds(m.envelope?.messageId)[0] ?? null,
    inReplyTo: parseMessageIds(m.envelope?.inReplyTo)[0] ?? null,
    references: referencesOf(m.headers),
  };
}

/** Message-ID, In-Reply-To and References of the given UIDs (the page being threaded). */
export async function fetchThreadHeaders(client: ImapFlow, folder: string, uids: number[]): Promise<ThreadHeaders[]> {
  if (uids.length === 0) return [];
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const rows = await client.fetchAll(uids.join(","), HEADER_QUERY, { uid: true });
    return rows.map(headersOf);
  } finally {
    lock.release();
  }
}

/**
 * The newest `max` messages of `folder` dated within [since, until), with their threading headers: the
 * person's own replies from Sent, bounded so that threading a page never reads a whole Sent folder.
 */
export async function fetchThreadWindow(client: ImapFlow, folder: string, since: Date, until: Date, max: number): Promise<(MessageSummary & ThreadHeaders)[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    if (!client.mailbox || client.mailbox.exists === 0) return [];
    // SENTSINCE/SENTBEFORE compare the Date header by day: widen by a day each side, filter exactly below.
    const found = (await client.search({ sentSince: new Date(since.getTime() - 86_400_000), sentBefore: new Date(until.getTime() + 86_400_000) }, { uid: true })) || [];
    const uids = found.sort((a, b) => b - a).slice(0, max);
    if (uids.length === 0) return [];
    const rows = await client.fetchAll(uids.join(","), { ...SUMMARY_QUERY, headers: [...(SUMMARY_QUERY.headers as string[]), "references"] }, { uid: true });
    return rows.map((m) => ({ ...toSummary(m), ...headersOf(m) }));
  } finally {
    lock.release();
  }
}
