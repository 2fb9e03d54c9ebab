import "server-only";
import type { Readable } from "node:stream";
import type { Attachment, Folder, MessageDetail, MessagePage } from "@/lib/shared/types";

export type SearchField = "all" | "from" | "subject" | "body";

export interface ListOptions {
  /** Only messages with a UID below this (the previous page's nextCursor). */
  before?: number;
  limit: number;
  search?: { text: string; field: SearchField };
}

export interface RenderedBody {
  /** Sanitised HTML, ready to be wrapped in the sandboxed document. */
  html: string;
  hasRemoteContent: boolean;
}

export interface OpenedPart {
  filename: string;
  contentType: string;
  /** Decoded size when known. */
  size: number | null;
  stream: Readable;
}

export type FlagChange = "read" | "unread" | "flag" | "unflag";

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
export interface MailStore {
  listFolders(): Promise<Folder[]>;
  createFolder(parent: string | null, name: string): Promise<string>;
  renameFolder(path: string, newName: string): Promise<string>;
  deleteFolder(path: string): Promise<void>;

  listMessages(folder: string, opts: ListOptions): Promise<MessagePage>;
  /** Opens a message; marks it read unless peek. Throws MESSAGE_GONE when someone else moved or deleted it. */
  getMessage(folder: string, uid: number, opts?: { peek?: boolean }): Promise<MessageDetail>;
  renderBody(folder: string, uid: number, opts: { allowRemote: boolean }): Promise<RenderedBody>;
  openAttachment(folder: string, uid: number, partId: string): Promise<OpenedPart>;

  setFlags(folder: string, uids: number[], change: FlagChange): Promise<void>;
  move(folder: string, uids: number[], target: string): Promise<void>;
  /** Moves to Trash; deletes permanently when already in Trash. Returns the destination ("" if permanent). */
  remove(folder: string, uids: number[]): Promise<string>;
  /** Identity and current flags (read fresh from the server, never from a cache); messages that are gone are left out. */
  describe(folder: string, uids: number[]): Promise<MessageMeta[]>;
}

export type { Attachment };
