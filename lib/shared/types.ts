// Browser-safe types shared by route handlers and the React UI: the JSON contract of /api/**.

export type SpecialUse = "inbox" | "sent" | "drafts" | "trash" | "junk" | "archive";

export interface Folder {
  /** Full IMAP path, e.g. "Projects/Mailroom"; the stable id of a folder. */
  path: string;
  /** Last path segment, decoded for display. */
  name: string;
  delimiter: string;
  parentPath: string | null;
  /** 0 for top-level folders. */
  depth: number;
  specialUse: SpecialUse | null;
  /** True for folders in a shared namespace (other users' folders shared via ACL). */
  shared: boolean;
  /** \Noselect folders only group children. */
  selectable: boolean;
  total: number;
  unread: number;
  /**
   * What the signed-in user may do here (IMAP ACL, RFC 4314 MYRIGHTS). Set for shared folders;
   * absent means the user's own folder, where everything is allowed (use rightsOf()).
   */
  rights?: FolderRights;
  /** Another person's folder, named for people: "Team — shared by alice" (from NAMESPACE; issue 12). */
  label?: string;
  /** The account's own folder shared with these people (GETACL, local parts in the same domain). */
  sharedWith?: string[];
}

/** RFC 4314 rights, as the UI needs them. */
export interface FolderRights {
  /** r: open the folder and read its messages. */
  read: boolean;
  /** s: mark messages read or unread (Dovecot may keep \Seen per user in shared folders). */
  seen: boolean;
  /** w: flag and unflag (other flags than \Seen and \Deleted). */
  write: boolean;
  /** i: move or copy messages into it. */
  insert: boolean;
  /** t + e: delete messages, or move them out. */
  delete: boolean;
  /** k: create subfolders. */
  create: boolean;
  /** a: change who has access. */
  admin: boolean;
  /** The server's MYRIGHTS string, e.g. "lr". */
  raw: string;
}

export interface FoldersResponse {
  folders: Folder[];
}

export interface Address {
  name: string;
  address: string;
}

export interface MessageSummary {
  uid: number;
  subject: string;
  from: Address | null;
  to: Address[];
  /** ISO 8601. */
  date: string;
  /** Bytes (RFC822.SIZE). */
  size: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  hasAttachments: boolean;
  /** Every address of every From header, set only when there is more than one (the sender check warns). */
  fromAll?: Address[];
  /** How many From headers the message has, set with fromAll; RFC 5322 allows one. */
  fromHeaders?: number;
  /** About 100 characters of the message's own text (quotes and signature skipped), for the row. */
  snippet?: string;
}

export interface MessagePage {
  folder: string;
  uidValidity: string;
  /** Resume point for live updates ("uidvalidity:modseq"; /api/events?since=), where the server has CONDSTORE. */
  token?: string;
  /** Messages in the folder (or matches of the search). */
  total: number;
  /** `total` was not counted (0): an older page asked with `keepTotal`, whose caller keeps the total it shows. */
  totalLater?: true;
  /** A search matching more than its store counts (POP3 cache: 1,000): `total` is a lower bound, shown "1,000+". */
  totalAtLeast?: true;
  messages: MessageSummary[];
  /** Pass as `before` to get the next (older) page; null at the end. */
  nextCursor: number | null;
  /** How many newer messages come before this page's first row (a jump into a big folder); 0 or absent from the top. */
  offset?: number;
  /** The order applied ("date-desc", see lib/shared/sort.ts), from stores that can sort; absent: arrival, newest first, and no Sort menu. */
  sort?: string;
  /** The order asked for could not be applied (a big folder on a server without SORT): arrival order instead. */
  sortUnavailable?: boolean;
}

export interface Attachment {
  /** IMAP body part id, e.g. "2" or "1.2"; the download route takes it. */
  partId: string;
  filename: string;
  contentType: string;
  /** Approximate decoded size in bytes. */
  size: number;
}

export interface MessageDetail extends MessageSummary {
  folder: string;
  cc: Address[];
  replyTo: Address[];
  messageId: string | null;
  /** "html": load the body from bodyUrl into a sandboxed iframe. "text": show `text`. "raw": parsing failed; show `text` (the raw source) verbatim. */
  bodyKind: "html" | "text" | "raw";
  /** Plain text body (bodyKind "text"), or the raw source (bodyKind "raw"). */
  text: string | null;
  /** Same-origin URL of the sanitised HTML document; add `&images=1` to allow remote images. */
  bodyUrl: string | null;
  /** The HTML refers to remote images or other remote resources that are blocked. */
  hasRemoteContent: boolean;
  attachments: Attachment[];
  /**
   * The body as people read it, in document order (issue 10): every inline text, HTML, Markdown and
   * enriched part, and forwarded messages with their own header, body and attachments. The fields
   * above describe the first block, for code written before blocks. Absent from older servers.
   */
  blocks?: BodyBlock[];
  /** Said on the message when a body was read in another charset than it named (e.g. an unknown one). */
  encodingNotes?: string[];
  /** Calendar invitations (text/calendar parts, .ics attachments) summarised for a card above the body. */
  invites?: InviteSummary[];
}

/** One event of a calendar invitation, as the invite card shows it; times are formatted in the browser. */
export interface InviteSummary {
  title: string;
  /** METHOD of the calendar ("REQUEST", "CANCEL", …) when given. */
  method: string | null;
  /** The event (or the whole invitation) is cancelled. */
  cancelled: boolean;
  /**
   * ISO 8601. An instant ("2026-12-10T09:00:00.000Z") for timed events; a date ("2026-12-10") when
   * allDay; a local date-time without zone ("2026-12-10T09:00:00") for floating times, which the
   * browser then reads as its own local time, as RFC 5545 means them.
   */
  start: string | null;
  /** Like start; for all-day events the day after the last day (exclusive, as in iCalendar). */
  end: string | null;
  allDay: boolean;
  location: string | null;
  organizer: { name: string; address: string } | null;
  attendeeCount: number;
  /** The event repeats (RRULE/RDATE); start/end are its first occurrence. */
  recurring: boolean;
  /** "daily", "weekly", "monthly", "yearly", … from the RRULE, when there is one. */
  frequency: string | null;
}

/** From, To, Cc, Date and Subject of a forwarded (encapsulated) message. */
export interface ForwardedHeader {
  from: Address[];
  to: Address[];
  cc: Address[];
  /** ISO 8601, or null when the header is missing or unreadable. */
  date: string | null;
  subject: string;
}

export type BodyBlock =
  | { kind: "text"; text: string }
  /** "raw": the message could not be parsed; `text` is its source. */
  | { kind: "raw"; text: string }
  /** `url`: the sanitised document for a sandboxed iframe; add `&images=1` to allow remote images. */
  /**
   * `doc` (issue 13): the same document, ready for an iframe's srcdoc, when the message is small enough
   * to carry it; remote images stay blocked in it ("Show images" loads `url`).
   */
  | { kind: "html"; url: string; hasRemoteContent: boolean; doc?: string }
  | {
      kind: "message";
      /** Part id of the message/rfc822 part: the attachment route serves it as .eml. */
      partId: string;
      header: ForwardedHeader;
      blocks: BodyBlock[];
      /** The forwarded message's own attachments, not the outer message's. */
      attachments: Attachment[];
      /** Forwarded messages nested deeper than shown: listed as .eml among `attachments`. */
      moreNotShown: boolean;
    };

export type MessageAction = "read" | "unread" | "flag" | "unflag" | "move" | "delete";

export interface ActionRequest {
  folder: string;
  uids: number[];
  action: MessageAction;
  /** Destination folder path for "move". */
  target?: string;
}

/** POST /api/messages/[uid]: the person opened the message; `seen` is false where the folder is read-only. */
export interface OpenedResponse {
  uid: number;
  seen: boolean;
}

export interface ActionResponse {
  ok: true;
  /** For move/delete: where the messages went ("" when deleted permanently). */
  destination?: string;
  /** For move/delete: how many of the messages someone else had already moved or deleted (left alone, not an error). */
  gone?: number;
  /** For move/delete: [old UID, new UID in `destination`] (COPYUID), what Undo moves back by. Absent: no undo. */
  moved?: [number, number][];
  /**
   * For move/delete with `moved`: the messages' flags as the server read them just before the move, by old UID.
   * Undo puts these back; the browser's rows may not have heard of a flag change yet (live updates lag).
   */
  flagsBefore?: FlagsOf[];
}

/** A message's read and flag state, by UID: what Undo puts back after a move. */
export interface FlagsOf {
  uid: number;
  seen: boolean;
  flagged: boolean;
}

export interface ApiErrorBody {
  code: string;
  message: string;
}

// ---- Accounts, POP3 cache and sync (POP3 issue) ----

export type Protocol = "imap" | "pop3";

/** What happens on the POP3 server after Mailroom has the message safely in its cache. */
export type Pop3Policy =
  | "delete" // delete from the server after download
  | "keep" // leave a copy on the server
  | "keep-days" // leave a copy, delete it after keepDays
  | "delete-when-deleted"; // delete from the server when deleted here (emptied from Trash)

export interface Pop3Settings {
  policy: Pop3Policy;
  /** For "keep-days". */
  keepDays: number;
  /** Scheduled check interval while any session of the account is open. */
  intervalSeconds: number;
}

export interface SyncStatus {
  state: "idle" | "running" | "error";
  /** Messages downloaded in the current (or last) run, and how many it found to download. */
  done: number;
  total: number;
  bytes: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** Set when the last run failed; the cache is intact. */
  error: ApiErrorBody | null;
}

export interface AccountInfo {
  email: string;
  /** The name colleagues see (presence, activity trail); chosen at sign-in or in account settings. */
  displayName?: string;
  protocol: Protocol;
  /** POP3 accounts only. */
  pop3?: {
    settings: Pop3Settings;
    sync: SyncStatus;
    usage: { bytes: number; messages: number };
  };
}
