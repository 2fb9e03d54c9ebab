import "server-only";
import type { Address, Attachment, Pop3Settings, SpecialUse } from "@/lib/shared/types";
import type { SearchField } from "@/lib/mail/store";

/*
 * The narrow storage interface of the POP3 cache: metadata, flags, folders, search and the POP3 ledger.
 * SQLite (sqlite-store.ts) is the embedded default; PostgreSQL (pg-store.ts, DATABASE_URL) plugs in here without
 * the sync logic or the UI changing. Every row is keyed by account (the email, lowercased). Methods
 * that change data are each one transaction.
 */

export interface FolderRow {
  id: number;
  path: string;
  specialUse: SpecialUse | null;
  /** Stable per folder row: changes only when the folder is deleted and created again. */
  uidValidity: string;
  total: number;
  unread: number;
}

/** What ingest learned from a message's headers and text, stored with the row. */
export interface MessageMeta {
  subject: string;
  from: Address | null;
  /** Every address of every From header, only when there are several (the reading pane warns, as over IMAP). */
  fromAll?: Address[];
  /** How many From headers, set with fromAll. */
  fromHeaders?: number;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  messageId: string | null;
  /** Epoch ms. */
  date: number;
  attachments: Attachment[];
  /** Plain text for the search index (sender and subject are indexed from the fields above). */
  searchText: string;
  /** Defaults to attachments.length > 0; a hint from the Content-Type while the row is not indexed. */
  hasAttachments?: boolean;
}

export interface MessageRow extends MessageMeta {
  uid: number;
  folderId: number;
  sha256: string;
  size: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  hasAttachments: boolean;
  /** False until the indexer has listed the attachments and put the body text in the search index. */
  indexed: boolean;
}

export interface NewMessage {
  account: string;
  folderPath: string;
  sha256: string;
  size: number;
  meta: MessageMeta;
  seen?: boolean;
  /** POP3 ledger entry written in the same transaction: the UIDL (or "sha256:<hex>" without UIDL). */
  ledger?: { key: string; downloadedAt: number };
  /** False: `meta` came from the headers only; attachments and body text follow from the indexer. Default true. */
  indexed?: boolean;
}

/** A row the indexer still has to parse. */
export interface PendingIndex {
  uid: number;
  sha256: string;
  date: number;
}

export interface LedgerRow {
  key: string;
  sha256: string;
  downloadedAt: number;
  /** Null once the message was deleted permanently here. */
  messageUid: number | null;
  localDeletedAt: number | null;
}

/** Who holds an advisory lock (see CacheStore.takeLock). */
export interface LockHolder {
  /** Unique per acquisition. */
  owner: string;
  pid: number;
  host: string;
  /** Epoch ms; the holder renews it while alive. */
  expiresAt: number;
}

export type FlagName = "seen" | "flagged" | "answered";

export interface ListQuery {
  before?: number;
  limit: number;
  /** What the user typed; each store builds its own full-text query from it (fts-query.ts, pg-fts.ts) as a bound value only. */
  search?: { text: string; field: SearchField };
  /**
   * Start elsewhere than the newest (ignored with `before` or `search`): "oldest" gives the `limit` oldest
   * rows; a day (YYYY-MM-DD) starts at the newest-arrived row dated before the next day (the oldest page when none is).
   */
  jump?: "oldest" | { day: string };
  /**
   * With `search`: a total that would have to be counted is left to `countSearch` (the answer says
   * `totalLater`), so the first rows need not wait for it. Counting every match of a word that is in
   * every message of a 100,000-message folder takes ~35 ms; its first page ~10.
   */
  countLater?: boolean;
}

/**
 * A search's matches are counted up to this many, no further (issue 13 point 9): counting walks every
 * match, so a word in all of a 100,000-message folder cost ~35 ms to count against ~8 for its first page.
 * Past it, the total is "at least" this (`totalAtLeast`), shown "1,000+" — a round count for a big result
 * set, as big webmails give. The SQLite store's first page and its count up to 1,000 are one walk of the
 * matches (sqlite-list.ts), ~9 ms for that word; a cap of 10,000 cost ~18 (returning 10,000 keys).
 */
export const SEARCH_COUNT_CAP = 1_000;

/** A search's total: exact, or (`totalAtLeast`) the cap, with more matches beyond it. */
export interface SearchTotal {
  total: number;
  totalAtLeast?: true;
}

/** A page of the cache: rows newest first; `offset` (after a jump) is how many newer rows the folder has. */
export interface ListResult {
  total: number;
  rows: MessageRow[];
  offset?: number;
  /** The search's total was not counted (`countLater`): `total` is 0, `countSearch` has it. */
  totalLater?: true;
  /** The search matches more than SEARCH_COUNT_CAP: `total` is the cap. */
  totalAtLeast?: true;
}

export interface CacheStore {
  /** Creates the account and its special folders on first use. */
  ensureAccount(account: string): Promise<void>;
  getSettings(account: string): Promise<Pop3Settings | null>;
  saveSettings(account: string, settings: Pop3Settings): Promise<void>;

  listFolders(account: string): Promise<FolderRow[]>;
  getFolder(account: string, path: string): Promise<FolderRow | null>;
  createFolder(account: string, path: string): Promise<void>;
  /** Renames a folder and its subfolders. */
  renameFolder(account: string, path: string, newPath: string): Promise<void>;
  /** Deletes a folder, its subfolders and their messages; returns blob hashes that may now be unreferenced. */
  deleteFolder(account: string, path: string): Promise<string[]>;

  /** Keyset pages by UID (never OFFSET), totals from the folder's counters where no filter applies. */
  listMessages(account: string, path: string, q: ListQuery): Promise<ListResult>;
  /** The total listMessages gives for this search in this folder (counted once while nothing changes, up to SEARCH_COUNT_CAP). */
  countSearch(account: string, path: string, search: NonNullable<ListQuery["search"]>): Promise<SearchTotal>;
  getMessage(account: string, path: string, uid: number): Promise<MessageRow | null>;
  /** Inserts message, flags, search row and ledger entry in one transaction. `blobExists` is checked inside it. */
  insertMessage(msg: NewMessage, blobExists: (sha256: string) => boolean, opts?: { durable?: boolean }): Promise<{ uid: number | null; duplicate: boolean }>;
  /**
   * Makes every commit so far durable. With `durable: false` an insert is committed (visible, survives
   * a killed process) but may be lost on power loss until the next durable commit or flushDurable —
   * call it before acting on such inserts outside the cache (POP3 DELE).
   */
  flushDurable(account: string): Promise<void>;
  /** insertMessage for many, in one transaction (the POP3 sync's group commit). */
  insertMessages(msgs: NewMessage[], blobExists: (sha256: string) => boolean, opts?: { durable?: boolean }): Promise<{ uid: number | null; duplicate: boolean }[]>;
  /** Rows not yet indexed, oldest first. */
  pendingIndex(account: string, limit: number): Promise<PendingIndex[]>;
  /** Stores the indexer's result: attachment list and body text (no-op if the row is gone or indexed). */
  completeIndex(uid: number, meta: MessageMeta): Promise<void>;
  setFlag(account: string, path: string, uids: number[], flag: FlagName, value: boolean): Promise<void>;
  /** Moves messages; like IMAP MOVE they get new (higher) UIDs in the target. */
  moveMessages(account: string, path: string, uids: number[], target: string): Promise<void>;
  /** Deletes for good; marks their ledger entries deleted; returns hashes that may now be unreferenced. */
  deleteMessages(account: string, path: string, uids: number[]): Promise<string[]>;
  /** Removes blobs no row references, serialised with insertMessage so a concurrent insert never loses its blob. */
  collectBlobs(hashes: string[], remove: (sha256: string) => void): Promise<void>;
  hasHashInFolder(account: string, path: string, sha256: string): Promise<boolean>;
  /** Every message of a folder (or the account), oldest first, for export. */
  iterateMessages(account: string, path: string | null): AsyncIterable<MessageRow>;
  usage(account: string): Promise<{ bytes: number; messages: number }>;

  /**
   * Takes the advisory lock `name` for `me` when it is free, expired at `now`, or held by a holder
   * `isGone` says is dead; in one write transaction. Returns the holder afterwards (`me` when taken).
   */
  takeLock(name: string, me: LockHolder, now: number, isGone: (holder: LockHolder) => boolean): Promise<LockHolder>;
  /** Extends a lock `owner` still holds; false when it holds it no longer (expired and taken over). */
  renewLock(name: string, owner: string, expiresAt: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;

  ledger(account: string): Promise<Map<string, LedgerRow>>;
  /** Forgets ledger entries (messages gone from the server and from here). */
  forgetLedger(account: string, keys: string[]): Promise<void>;
}
