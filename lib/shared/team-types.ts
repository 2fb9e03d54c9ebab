// Browser-safe types for team work in a shared mailbox (issue 11, points 1–5): assignments, notes,
// mentions. The JSON contract of /api/team, /api/team/members, /api/messages/[uid]/assign,
// /api/messages/[uid]/notes and the "team" event of /api/events.

/** Longest note body, in characters. */
export const NOTE_MAX_CHARS = 4000;

/** A person who can work in a mailbox. `id` is opaque (a hash of login and display name). */
export interface TeamPerson {
  id: string;
  name: string;
  /** true when this is the requesting person (same login and display name). */
  self: boolean;
  /** The login, shown only to tell apart two people with the same display name. */
  detail?: string;
}

export interface RowAssignment {
  uid: number;
  assignee: TeamPerson;
}

export interface TeamCounts {
  /** Messages of the mailbox assigned to the requesting person. */
  mine: number;
  /** Messages of the mailbox assigned to anyone. */
  assigned: number;
  /** Notes mentioning the requesting person that they have not looked at yet. */
  mentions: number;
}

/** GET /api/team?folder=&uids=: the assignees of the listed rows and the mailbox's counts. */
export interface TeamRowsResponse {
  assignments: RowAssignment[];
  counts: TeamCounts;
}

/** GET /api/team?views=1: every mailbox with assignments or mentions, with its counts. */
export interface TeamViewsResponse {
  mailboxes: Array<{ folder: string } & TeamCounts>;
}

export interface MembersResponse {
  members: TeamPerson[];
}

export interface AssignmentView {
  assignee: TeamPerson;
  by: TeamPerson;
  /** ISO 8601. */
  at: string;
}

export interface NoteView {
  id: string;
  author: TeamPerson;
  body: string;
  /** true when the note mentions the requesting person. */
  mentionsMe: boolean;
  /** ISO 8601. */
  at: string;
  editedAt?: string;
}

/** GET /api/messages/[uid]/notes: the message's assignment and notes. */
export interface MessageTeamResponse {
  assignment: AssignmentView | null;
  notes: NoteView[];
}

/** SSE "team": an assignment or a note changed on messages of `folder`. */
export interface TeamNotice {
  folder: string;
  uids: number[];
  what: "assignment" | "note";
}
