import "server-only";
import type { Assignment, Note } from "@/lib/team/team-store";

/*
 * What the SQLite and PostgreSQL team stores share: their read limits and the mapping of their rows,
 * which have the same columns. Only `mentions` differs: a JSON text in SQLite, a text[] in PostgreSQL,
 * so each store decodes it and hands toNote the list.
 */

// Defaults for unbounded-looking reads: a mailbox view, a message's notes, the Assign list.
export const LIST_LIMIT = 500;
export const NOTES_LIMIT = 200;
export const MEMBERS_LIMIT = 100;

export const cap = (limit: number | undefined, fallback: number) => Math.max(1, Math.min(limit ?? fallback, fallback));

export interface AssignmentRow {
  scope: string; message_key: string; folder: string; uid: number;
  assignee_id: string; assignee_login: string; assignee_name: string; by_id: string; by_login: string; by_name: string; at: number;
}

/** `M`: how the backend stores the mentions column. */
export interface NoteRowOf<M> {
  id: string; scope: string; message_key: string; folder: string; uid: number;
  author_id: string; author_login: string; author_name: string; body: string; mentions: M; at: number; edited_at: number | null;
}

export const toAssignment = (r: AssignmentRow): Assignment => ({
  scope: r.scope,
  messageKey: r.message_key,
  folder: r.folder,
  uid: r.uid,
  assignee: { id: r.assignee_id, login: r.assignee_login, name: r.assignee_name },
  by: { id: r.by_id, login: r.by_login, name: r.by_name },
  at: r.at,
});

export const noteFromRow = (r: NoteRowOf<unknown>, mentions: string[]): Note => ({
  id: r.id,
  scope: r.scope,
  messageKey: r.message_key,
  folder: r.folder,
  uid: r.uid,
  author: { id: r.author_id, login: r.author_login, name: r.author_name },
  body: r.body,
  mentions,
  at: r.at,
  ...(r.edited_at !== null ? { editedAt: r.edited_at } : {}),
});
