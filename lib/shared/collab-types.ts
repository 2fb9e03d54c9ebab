// Browser-safe types for working together in one mailbox: presence, the activity trail and the
// reply collision check. The JSON contract of /api/presence, /api/messages/[uid]/activity,
// /api/messages/[uid]/reply-check and the "presence" / "activity" events of /api/events.

export type PresenceActivity = "viewing" | "replying";

/** One person on one message. `id` is opaque (a hash of the session id), stable for a session. */
export interface PresencePerson {
  id: string;
  uid: number;
  name: string;
  activity: PresenceActivity;
}

/** SSE "presence": everyone else (the receiving session is left out) on messages of `folder`. */
export interface PresenceSnapshot {
  folder: string;
  people: PresencePerson[];
  /** Increases with every change on the server: a snapshot older than the one shown is ignored. */
  version: number;
}

export interface PresenceRequest {
  folder: string;
  uid: number;
  /** null leaves the message. */
  activity: PresenceActivity | null;
  /** A random id per browser tab, so two tabs of one person do not end each other's presence. */
  client?: string;
}

export interface PresenceResponse extends PresenceSnapshot {
  /** How often to repeat the request while on the message. */
  heartbeatMs: number;
}

/** "replied" is recorded by the reply composer when a reply is sent through Mailroom. */
export type ActivityAction = "read" | "unread" | "flagged" | "unflagged" | "moved" | "deleted" | "replied" | TeamAction;

/** Team work (issue 11): "assigned" (target: the assignee's name), "unassigned", "noted" (a note added). */
export type TeamAction = "assigned" | "unassigned" | "noted";

export interface ActivityEntry {
  action: ActivityAction;
  /** Display name of the person who did it. */
  actor: string;
  /** true when the requesting person did it: this session, or one under their name (lib/activity/trail.ts). */
  self: boolean;
  /** ISO 8601. */
  at: string;
  /** For "moved": the destination folder; for "deleted": "Trash" path, or "" when deleted permanently. */
  target?: string;
  /** The folder it happened in. */
  folder: string;
}

export interface ActivityResponse {
  entries: ActivityEntry[];
}

/** SSE "activity": something was done to messages of `folder`; open trails re-read. */
export interface ActivityNotice {
  folder: string;
  uids: number[];
  action: ActivityAction;
  actor: string;
  /** true on the stream of the session that did it. */
  self: boolean;
}

export interface ReplyCheck {
  /** \Answered is set on the message now. */
  answered: boolean;
  /** It was set after `since` (as far as Mailroom can tell: it records replies sent through it, and sees the flag appear). */
  answeredSince: boolean;
  /** Other people composing a reply to it right now. */
  replying: string[];
  /** Who replied since `since`, when a Mailroom user did it. */
  repliedBy?: string;
  /** When that reply was recorded (ISO 8601). */
  repliedAt?: string;
  /** The display name of the person the message is assigned to, when that is someone else. */
  assignedTo?: string;
}
