import "server-only";
import type { TrailMailbox } from "@/lib/activity/activity-store";

/*
 * Team work on a shared mailbox (issue 11, points 1–4): who a message is assigned to, internal notes
 * and the people who can be picked. None of it is mail: it lives in Mailroom's own database, never on
 * the IMAP server, and is read only by sessions that can open the mailbox (lib/presence/access.ts).
 *
 * Keyed like the activity trail (lib/activity/activity-store.ts): a mailbox is a presence scope key
 * (lib/presence/scope.ts), a message is messageKey(Message-ID, ...). A move copies a message's
 * assignment and notes to the mailbox it went to (copy), as the trail does.
 *
 * Narrow and async so a PostgreSQL implementation can replace the SQLite default. Every list is
 * bounded by the caller's `limit` (implementations apply a default when it is absent).
 *
 * A member is a person, not a login: a team often shares ONE login (support@) and tells people apart
 * by the display name given at sign-in, while an ACL-shared folder is worked by several logins. So a
 * member is (login, display name): `id` is memberId(login, name) (lib/team/member.ts), stable across
 * sessions and instances, opaque to browsers.
 */

export interface TeamMember {
  /** memberId(login, name): opaque, stable. */
  id: string;
  /** The login (lower-cased). Never sent to browsers of other logins unless the server named it (GETACL). */
  login: string;
  /** Display name. */
  name: string;
}

export interface Assignment {
  /** The mailbox (presence scope key). */
  scope: string;
  messageKey: string;
  /** Where the message was when it was assigned (informational; rows are matched by messageKey). */
  folder: string;
  uid: number;
  assignee: TeamMember;
  /** Who assigned it. */
  by: TeamMember;
  /** Epoch ms. */
  at: number;
}

export interface Note {
  /** Opaque, unique (random), stable across a move. */
  id: string;
  scope: string;
  messageKey: string;
  folder: string;
  uid: number;
  author: TeamMember;
  /** Plain text, at most NOTE_MAX_CHARS. */
  body: string;
  /** Member ids named with @name in the body (resolved when written). */
  mentions: string[];
  /** Epoch ms. */
  at: number;
  /** Epoch ms of the last edit, absent when never edited. */
  editedAt?: number;
}

export interface AssignmentCounts {
  /** Messages of the mailbox assigned to the member. */
  mine: number;
  /** Messages of the mailbox assigned to anyone. */
  assigned: number;
  /** Notes in the mailbox mentioning the member, not yet marked read by them. */
  mentions: number;
}

export interface TeamStore {
  /** A person signed in to (or worked in) an account: they become a candidate for "Assign" there. Upserts `at`. */
  rememberMember(account: string, member: TeamMember, at: number): Promise<void>;
  /** People remembered for these accounts (the mailbox owner and the viewer's own login), most recent first. */
  members(accounts: string[], limit?: number): Promise<TeamMember[]>;

  /** Sets (replaces) the message's assignee. */
  assign(mailbox: TrailMailbox, a: Omit<Assignment, "scope">): Promise<void>;
  /** Clears it; false when there was none. */
  unassign(mailbox: TrailMailbox, messageKey: string): Promise<boolean>;
  /** The assignments of these messages (absent ones have none). */
  assignments(mailbox: TrailMailbox, messageKeys: string[]): Promise<Assignment[]>;
  /** Assignments of the mailbox, newest first; only those to `assigneeId` when given. */
  listAssignments(mailbox: TrailMailbox, opts?: { assigneeId?: string; limit?: number }): Promise<Assignment[]>;
  counts(mailbox: TrailMailbox, memberId: string): Promise<AssignmentCounts>;

  /** Adds a note (its id, chosen by the caller, must be new). */
  addNote(mailbox: TrailMailbox, note: Omit<Note, "scope">): Promise<void>;
  /** Replaces a note's body and mentions, only when `authorId` wrote it; the updated note or null. */
  editNote(mailbox: TrailMailbox, noteId: string, authorId: string, body: string, mentions: string[], at: number): Promise<Note | null>;
  /** Deletes a note, only when `authorId` wrote it; false otherwise. */
  deleteNote(mailbox: TrailMailbox, noteId: string, authorId: string): Promise<boolean>;
  /** A message's notes, oldest first. */
  notes(mailbox: TrailMailbox, messageKey: string, limit?: number): Promise<Note[]>;
  /** One note by id in the mailbox. */
  note(mailbox: TrailMailbox, noteId: string): Promise<Note | null>;
  /** Marks the mentions of `memberId` in the mailbox read (up to `at`), so the badge clears. */
  markMentionsRead(mailbox: TrailMailbox, memberId: string, at: number): Promise<void>;

  /**
   * A move: copies the messages' assignment and notes from one mailbox to another (replacing an
   * assignment there, skipping notes already there by id), then removes them from `from`.
   */
  copy(from: string, to: TrailMailbox, messageKeys: string[]): Promise<void>;
  close(): Promise<void>;
}
