import "server-only";
import type { ActivityAction } from "@/lib/shared/collab-types";

/*
 * The activity trail: who in Mailroom read, flagged, moved, deleted or replied to a message, and when.
 * IMAP does not record who did what, so Mailroom keeps it in its own database. Narrow and async so a
 * PostgreSQL implementation can replace the SQLite default.
 *
 * Messages are keyed by their Message-ID header (it survives moves between folders), or, for the few
 * messages without one, by folder + UIDVALIDITY + UID.
 */

export interface ActivityRecord {
  /** The account that owns the mailbox (for ACL-shared folders: the owner, not the viewer). */
  account: string;
  messageKey: string;
  folder: string;
  uid: number;
  action: ActivityAction;
  /** Display name at the time. */
  actor: string;
  /** Opaque person id (lib/presence/scope.ts personId) to tell "you" from others. */
  person: string;
  target?: string;
  /** Epoch ms. */
  at: number;
}

export interface ActivityStore {
  record(rows: ActivityRecord[]): Promise<void>;
  /** Oldest first. */
  list(account: string, messageKey: string, limit?: number): Promise<ActivityRecord[]>;
  /** The newest entry of an action on a message by a person, for de-duplicating repeated opens. */
  latest(account: string, messageKey: string, action: ActivityAction, person?: string): Promise<ActivityRecord | null>;
  close(): Promise<void>;
}

export function messageKey(messageId: string | null | undefined, folder: string, uidValidity: string | number | null | undefined, uid: number): string {
  const id = messageId?.trim();
  if (id) return `mid:${id.toLowerCase()}`;
  return `uid:${folder}:${uidValidity ?? 0}:${uid}`;
}
