import "server-only";
import type { Readable } from "node:stream";
import type { Address, Attachment, Folder, MessageDetail, MessagePage, MessageSummary } from "@/lib/shared/types";
import type { SortSpec } from "@/lib/shared/sort";
import type { SearchChunk } from "@/lib/shared/search-stream";

export type SearchField = "all" | "from" | "subject" | "body";

export interface ListOptions {
  /** Only messages with a UID below this (the previous page's nextCursor). */
  before?: number;
  limit: number;
  search?: { text: string; field: SearchField };
  /** Big folders (issue 12 point 7): start at the oldest page, or at the newest message on or before a day (YYYY-MM-DD). */
  jump?: "oldest" | { day: string };
  /** The order (issue 12 point 3); absent: arrival, newest first. Ignored by searches. */
  sort?: SortSpec;
  /** Aborted: the caller no longer wants the answer; if still queued for a connection, it never runs. */
  signal?: AbortSignal;
  /** A search: the folder's state as the caller just read it (KnowsFolderStates); a page kept at that state is answered without a connection. */
  knownState?: string;
  /** Where the time went, for the list route's Server-Timing: "pool" (waiting for a connection) and "imap". */
  timings?: { add(name: string, ms: number): void };
  /**
   * An older page of a search the caller already shows with its total ("load more"): a store that would
   * have to count every match again (the POP3 cache after any change to the folder) may leave the total
   * out and say so (`MessagePage.totalLater`); the caller keeps the total it has.
   */
  keepTotal?: boolean;
}

export interface RenderedBody {
  /** Sanitised HTML, ready to be wrapped in the sandboxed document. */
  html: string;
  hasRemoteContent: boolean;
  /** Simple mail (no backgrounds, few colours) follows the dark theme; designed mail keeps its colours. */
  simple?: boolean;
}

export interface OpenedPart {
  filename: string;
  contentType: string;
  /** Decoded size when known. */
  size: number | null;
  stream: Readable;
}

export interface DraftRef {
  uid: number | null;
  messageId: string | null;
}

export type FlagChange = "read" | "unread" | "flag" | "unflag";

/**
 * Where moved messages landed: [old UID, new UID] pairs from the server's COPYUID answer (UIDPLUS,
 * RFC 4315). Undo moves them back by these UIDs; without them (no UIDPLUS, the POP3 cache) there is no undo.
 */
export type MovedUids = [number, number][];

/** A delete that moved the messages to Trash, with the UIDs they got there. */
export interface Removed {
  destination: string;
  moved?: MovedUids;
}

/** A fresh look at messages' identity and flags: for the activity trail and the reply collision check. */
export interface MessageMeta {
  uid: number;
  messageId: string | null;
  uidValidity: string;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
}

/**
 * The one interface the routes and UI see. ImapStore proxies a live IMAP account; the POP3 cache is
 * the second implementation. Keep it small: about fifteen methods is enough for a webmail.
 */
export interface GetMessageOptions {
  peek?: boolean;
  /** A guess (a prefetch): on IMAP it queues behind real work and never takes the last connection. */
  background?: boolean;
  /** Where the time went, for the route's Server-Timing: "pool" (waiting for a connection) and "imap". */
  timings?: { add(name: string, ms: number): void };
}

export interface MailStore {
  listFolders(): Promise<Folder[]>;
  createFolder(parent: string | null, name: string): Promise<string>;
  renameFolder(path: string, newName: string): Promise<string>;
  deleteFolder(path: string): Promise<void>;

  listMessages(folder: string, opts: ListOptions): Promise<MessagePage>;
  /** Opens a message; marks it read unless peek. Throws MESSAGE_GONE when someone else moved or deleted it. */
  getMessage(folder: string, uid: number, opts?: GetMessageOptions): Promise<MessageDetail>;
  /** The sanitised html block `block` (0 when absent) of the message, as listed in MessageDetail.blocks. */
  renderBody(folder: string, uid: number, opts: { allowRemote: boolean; block?: number }): Promise<RenderedBody>;
  openAttachment(folder: string, uid: number, partId: string): Promise<OpenedPart>;

  setFlags(folder: string, uids: number[], change: FlagChange): Promise<void>;
  /** Returns the new UIDs where the server says them (COPYUID); void where it cannot. */
  move(folder: string, uids: number[], target: string): Promise<MovedUids | void>;
  /** Moves to Trash; deletes permanently when already in Trash. Returns the destination ("" if permanent). */
  remove(folder: string, uids: number[]): Promise<string | Removed>;

  // --- compose (issue 5): drafts, the sent copy, reply/forward flags, the original's bytes, contacts ---
  /**
   * Stores a draft (IMAP APPEND to \Drafts, or the cache's Drafts), then removes the version it
   * replaces: `uid`, and every older draft with the same Message-ID (one composer's versions), so two
   * saves racing (autosave and the save on closing the tab) still leave exactly the newest one.
   */
  saveDraft(raw: Buffer, supersedes: DraftRef): Promise<{ folder: string; uid: number }>;
  /** Removes a draft: the uid, and every draft with the Message-ID. */
  deleteDraft(target: DraftRef): Promise<void>;
  /** Stores the sent copy; returns the Sent folder's path. */
  appendSent(raw: Buffer): Promise<string>;
  /** \Answered after a reply, $Forwarded after a forward (the POP3 cache keeps only "answered"). */
  markReplied(folder: string, uid: number, kind: "answered" | "forwarded"): Promise<void>;
  /** The whole message source, up to `max` bytes (else ATTACHMENT_TOO_LARGE). */
  readRaw(folder: string, uid: number, max: number): Promise<Buffer>;
  /** People recently written to or heard from, most recent last, with repeats (the caller ranks them). */
  recentAddresses(): Promise<Address[]>;
  /** Identity and current flags (read fresh from the server, never from a cache); messages that are gone are left out. */
  describe(folder: string, uids: number[]): Promise<MessageMeta[]>;
}

/**
 * Where a folder lives, as the mail server itself places it in its namespaces (RFC 2342): the
 * account's own ("personal"), another user's ("other", owner as the server spells it in the path),
 * or a public one ("shared", named by its prefix). `path` is the folder inside that mailbox tree, one
 * element per hierarchy level, without the namespace prefix.
 */
export type FolderPlace =
  | { namespace: "personal"; path: string[] }
  | { namespace: "other"; owner: string; path: string[] }
  | { namespace: "shared"; prefix: string; path: string[] };

/**
 * Optional capability: a store whose server can tell another user's (or a public) folder from the
 * account's own. Stores without it (the POP3 cache) hold only the account's own folders, whatever
 * they are called.
 */
export interface PlacesFolders {
  placeFolder(folder: string): Promise<FolderPlace>;
}

/**
 * Optional capability: every UID of a folder (or its unread ones) in one SEARCH, for "select all in this
 * folder" and "mark all as read". Stores without it are paged through (lib/mail/all-uids.ts).
 */
export interface SearchesUids {
  searchUids(folder: string, opts: { unseen: boolean }): Promise<number[]>;
}

export function searchesUids(store: MailStore): store is MailStore & SearchesUids {
  return typeof (store as Partial<SearchesUids>).searchUids === "function";
}

export function placesFolders(store: MailStore): store is MailStore & PlacesFolders {
  return typeof (store as Partial<PlacesFolders>).placeFolder === "function";
}

export type { Attachment };

/** Message-ID, In-Reply-To and References of one message (ids without angle brackets). */
export interface ThreadHeaders {
  uid: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
}

/**
 * Optional capability (issue 12, conversations): the threading headers of a page, and a bounded window
 * of another folder (Sent) by date. Stores without it (the POP3 cache keeps no References) get
 * conversations by subject alone.
 */
export interface ReadsThreadHeaders {
  threadHeaders(folder: string, uids: number[]): Promise<ThreadHeaders[]>;
  threadWindow(folder: string, since: Date, until: Date, max: number): Promise<(MessageSummary & ThreadHeaders)[]>;
}

export function readsThreadHeaders(store: MailStore): store is MailStore & ReadsThreadHeaders {
  return typeof (store as Partial<ReadsThreadHeaders>).threadHeaders === "function";
}

/**
 * Optional capability (issue 13): a folder search that hands over result rows as it finds them (IMAP:
 * UID ranges from the newest down; the POP3 cache: the first page, then the count of every match).
 * Stores without it are searched through listMessages and answered in one batch.
 */
/** Every folder's state in one request (IMAP LIST-STATUS), for an all-folders search to check its kept pages against. */
export interface KnowsFolderStates {
  folderStates(opts?: { signal?: AbortSignal }): Promise<Map<string, string>>;
}

export function knowsFolderStates(store: MailStore): store is MailStore & KnowsFolderStates {
  return typeof (store as Partial<KnowsFolderStates>).folderStates === "function";
}

export interface StreamsSearch {
  searchStream(
    folder: string,
    opts: { text: string; field: SearchField; limit: number; deadlineAt: number; signal?: AbortSignal },
    emit: (chunk: SearchChunk) => void | Promise<void>,
  ): Promise<void>;
}

export function streamsSearch(store: MailStore): store is MailStore & StreamsSearch {
  return typeof (store as Partial<StreamsSearch>).searchStream === "function";
}
