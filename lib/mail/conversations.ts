import "server-only";
import { readsThreadHeaders, type MailStore, type ThreadHeaders } from "@/lib/mail/store";
import type { MessageSummary } from "@/lib/shared/types";
import type { ConversationPage, ConversationThread, ThreadMember } from "@/lib/shared/conversation-types";
import { DEFAULT_SUBJECT_WINDOW_MS, threadMessages, type ThreadInput } from "@/lib/shared/threading";

/*
 * Conversations are computed over one window of the folder at a time — the same pages the flat list
 * loads (newest first, `limit` messages, by UID cursor) — plus a bounded look into Sent for the person's
 * own replies, dated from the window's oldest message minus the subject window to its newest plus the
 * window (the first page: now). Memory is bounded by limit + SENT_WINDOW messages whatever the folder's
 * size. A conversation whose older messages lie on a later page appears again there with the same id,
 * and the browser merges the two (mergeThreadPages).
 */
export const SENT_WINDOW = 200;

type Row = MessageSummary & Partial<ThreadHeaders> & { folder: string };

const keyOf = (folder: string, uid: number) => `${folder}\u0000${uid}`;

function toInput(r: Row): ThreadInput {
  return {
    key: keyOf(r.folder, r.uid),
    messageId: r.messageId ?? null,
    inReplyTo: r.inReplyTo ?? null,
    references: r.references ?? [],
    subject: r.subject,
    date: Date.parse(r.date) || 0,
  };
}

function strip(r: Row): ThreadMember {
  const { messageId: _m, inReplyTo: _i, references: _r, ...member } = r;
  return member;
}

export async function listConversations(store: MailStore, folder: string, opts: { before?: number; limit: number; now?: Date }): Promise<ConversationPage> {
  const page = await store.listMessages(folder, { before: opts.before, limit: opts.limit });
  const headers = readsThreadHeaders(store) && page.messages.length ? await store.threadHeaders(folder, page.messages.map((m) => m.uid)) : [];
  const byUid = new Map(headers.map((h) => [h.uid, h]));
  const rows: Row[] = page.messages.map((m) => ({ ...m, ...byUid.get(m.uid), folder }));

  let sentFolder: string | null = null;
  if (readsThreadHeaders(store) && rows.length) {
    const sent = (await store.listFolders()).find((f) => f.specialUse === "sent");
    if (sent && sent.path !== folder) {
      sentFolder = sent.path;
      const dates = rows.map((r) => Date.parse(r.date) || 0);
      const now = (opts.now ?? new Date()).getTime();
      const since = new Date(Math.min(...dates) - DEFAULT_SUBJECT_WINDOW_MS);
      const until = new Date(opts.before ? Math.min(now, Math.max(...dates) + DEFAULT_SUBJECT_WINDOW_MS) : now);
      // A copy of the same message in both folders (mail sent to oneself) is shown once, from this folder.
      const ids = new Set(rows.map((r) => r.messageId).filter(Boolean));
      const own = await store.threadWindow(sent.path, since, until, SENT_WINDOW);
      for (const s of own) if (!s.messageId || !ids.has(s.messageId)) rows.push({ ...s, folder: sent.path });
    }
  }

  const byKey = new Map(rows.map((r) => [keyOf(r.folder, r.uid), r]));
  const threads: ConversationThread[] = [];
  for (const g of threadMessages(rows.map(toInput))) {
    const members = g.keys.map((k) => byKey.get(k)!).filter(Boolean);
    // Sent messages that answer nothing in this window are not this folder's conversations.
    if (!members.some((m) => m.folder === folder)) continue;
    threads.push({ id: g.id, messages: members.map(strip) });
  }
  return {
    folder,
    uidValidity: page.uidValidity,
    token: page.token,
    total: page.total,
    threads,
    nextCursor: page.nextCursor,
    sentFolder,
    byReferences: readsThreadHeaders(store),
  };
}
