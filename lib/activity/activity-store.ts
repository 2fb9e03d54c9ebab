import "server-only";
import type { ActivityAction } from "@/lib/shared/collab-types";

/*
 * The activity trail: who in Mailroom read, flagged, moved, deleted or replied to a message, and when.
 * IMAP does not record who did what, so Mailroom keeps it in its own database. Narrow and async so a
 * PostgreSQL implementation can replace the SQLite default.
 *
 * A trail belongs to one mailbox (the presence scope's key, lib/presence/scope.ts): whoever can open
 * that mailbox reads it, and nobody else, even with the same Message-ID in another folder of the same
 * owner. Inside a mailbox messages are keyed by their Message-ID header, or, for the few messages
 * without one, by folder + UIDVALIDITY + UID. A move copies the message's lines to the mailbox it
 * went to, so the trail follows it.
 */

export interface ActivityRecord {
  /** The mailbox (presence scope key) the line belongs to. */
  scope: string;
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
  list(mailbox: TrailMailbox, messageKey: string, limit?: number): Promise<ActivityRecord[]>;
  /** The newest entry of an action on a message by a person, for de-duplicating repeated opens. */
  latest(mailbox: TrailMailbox, messageKey: string, action: ActivityAction, person?: string): Promise<ActivityRecord | null>;
  /** Copies the messages' lines of one mailbox to another (a move), skipping lines already there. */
  copy(from: string, to: TrailMailbox, messageKeys: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Which trail to read or write: a presence scope (lib/presence/scope.ts). */
export interface TrailMailbox {
  key: string;
  shared: boolean;
  owner: string;
}

export function messageKey(messageId: string | null | undefined, folder: string, uidValidity: string | number | null | undefined, uid: number): string {
  const id = messageId?.trim();
  if (id) return `mid:${id.toLowerCase()}`;
  return `uid:${folder}:${uidValidity ?? 0}:${uid}`;
}
