import "server-only";
import type { Address, SpecialUse } from "@/lib/shared/types";
import type { FolderRow, MessageMeta, MessageRow } from "@/lib/cache/cache-store";

/* The SQLite cache's rows as the CacheStore interface's objects, and back (sqlite-store.ts). */

export interface DbMessage {
  uid: number; folder_id: number; sha256: string; size: number; subject: string; from_json: string | null; to_json: string;
  cc_json: string; reply_to_json: string; message_id: string | null; date: number; attachments_json: string;
  seen: number; flagged: number; answered: number; has_attachments: number; indexed: number;
}

/*
 * from_json holds the first From address; a message with several From headers (or addresses) keeps them all
 * beside it as `all` and `headers`, so no schema change is needed and older rows read as before.
 */
function fromColumn(json: string | null): Pick<MessageRow, "from" | "fromAll" | "fromHeaders"> {
  if (!json) return { from: null };
  const { all, headers, ...from } = JSON.parse(json) as Address & { all?: Address[]; headers?: number };
  return all?.length ? { from, fromAll: all, fromHeaders: headers ?? 1 } : { from };
}

export function fromJson(meta: MessageMeta): string | null {
  if (!meta.from) return null;
  return JSON.stringify((meta.fromAll?.length ?? 0) > 1 || (meta.fromHeaders ?? 1) > 1 ? { ...meta.from, all: meta.fromAll, headers: meta.fromHeaders } : meta.from);
}

export function toRow(m: DbMessage): MessageRow {
  return {
    uid: m.uid, folderId: m.folder_id, sha256: m.sha256, size: m.size, subject: m.subject,
    ...fromColumn(m.from_json), to: JSON.parse(m.to_json), cc: JSON.parse(m.cc_json),
    replyTo: JSON.parse(m.reply_to_json), messageId: m.message_id, date: m.date, attachments: JSON.parse(m.attachments_json),
    searchText: "", seen: m.seen === 1, flagged: m.flagged === 1, answered: m.answered === 1,
    hasAttachments: m.has_attachments === 1, indexed: m.indexed === 1,
  };
}

export function folderRow(r: { id: number; path: string; special_use: SpecialUse | null; created_at: number; total: number; unread: number }): FolderRow {
  return { id: r.id, path: r.path, specialUse: r.special_use, uidValidity: String(r.created_at + r.id), total: r.total, unread: r.unread };
}
