import "server-only";
import { checkFolderName } from "@/lib/mail/folder-name";
import { MailroomError } from "@/lib/errors";
import type { Cache } from "@/lib/cache/open-cache";
import type { FolderRow, MessageRow } from "@/lib/cache/cache-store";
import { cacheSearch } from "@/lib/cache/fts-query";
import type { DraftRef, FlagChange, GetMessageOptions, ListOptions, MailStore, MessageMeta, OpenedPart, RenderedBody, StreamsSearch } from "@/lib/mail/store";
import type { SearchChunk } from "@/lib/shared/search-stream";
import type { Address, Folder, MessageDetail, MessagePage, MessageSummary, SpecialUse } from "@/lib/shared/types";
import { Readable } from "node:stream";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { orderFolders } from "@/lib/imap/list-folders";
import { bodyFields, sanitizedBlock } from "@/lib/mime/detail-blocks";
import { loadBody, openStoredAttachment } from "@/lib/pop3/read-message";
import { indexedRow } from "@/lib/pop3/index-pending";
import { expandTnef } from "@/lib/mime/tnef";

const PROTECTED = "This folder is part of your mailbox and can't be renamed or deleted.";
const GONE = "This message was moved or deleted by someone else.";
const DELIMITER = "/";

/** The shared rules, plus: INBOX is always taken in the cache. */
function checkName(name: string): string {
  const clean = checkFolderName(name, DELIMITER);
  if (clean.toUpperCase() === "INBOX") throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
  return clean;
}

function toFolder(f: FolderRow): Folder {
  const cut = f.path.lastIndexOf(DELIMITER);
  return {
    path: f.path,
    name: f.path === "INBOX" ? "Inbox" : f.path.slice(cut + 1),
    delimiter: DELIMITER,
    parentPath: cut > 0 ? f.path.slice(0, cut) : null,
    depth: f.path.split(DELIMITER).length - 1,
    specialUse: f.specialUse,
    shared: false,
    selectable: true,
    total: f.total,
    unread: f.unread,
  };
}

function toSummary(m: MessageRow): MessageSummary {
  return {
    uid: m.uid, subject: m.subject, from: m.from, to: m.to, date: new Date(m.date).toISOString(), size: m.size,
    seen: m.seen, flagged: m.flagged, answered: m.answered, hasAttachments: m.hasAttachments,
    ...(m.fromAll?.length ? { fromAll: m.fromAll, fromHeaders: m.fromHeaders } : {}),
  };
}

/** MailStore over the durable POP3 cache: every browser of the account reads and changes the same rows. */
export class Pop3Store implements MailStore, StreamsSearch {
  constructor(private readonly cache: Cache, private readonly account: string) {}

  private get store() {
    return this.cache.store;
  }

  private async folder(path: string): Promise<FolderRow> {
    await this.store.ensureAccount(this.account);
    const f = await this.store.getFolder(this.account, path);
    if (!f) throw new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.");
    return f;
  }

  private async row(folder: string, uid: number): Promise<MessageRow> {
    await this.folder(folder);
    const row = await this.store.getMessage(this.account, folder, uid);
    if (!row) throw new MailroomError("MESSAGE_GONE", GONE);
    return indexedRow(this.cache, row);
  }

  async listFolders(): Promise<Folder[]> {
    await this.store.ensureAccount(this.account);
    return orderFolders((await this.store.listFolders(this.account)).map(toFolder));
  }

  async createFolder(parent: string | null, name: string): Promise<string> {
    if (parent) await this.folder(parent);
    const path = parent ? `${parent}${DELIMITER}${checkName(name)}` : checkName(name);
    await this.store.ensureAccount(this.account);
    await this.store.createFolder(this.account, path);
    return path;
  }

  async renameFolder(path: string, newName: string): Promise<string> {
    const f = await this.folder(path);
    if (f.specialUse) throw new MailroomError("FORBIDDEN", PROTECTED);
    const cut = path.lastIndexOf(DELIMITER);
    const newPath = (cut > 0 ? path.slice(0, cut + 1) : "") + checkName(newName);
    if (newPath === path) return path;
    await this.store.renameFolder(this.account, path, newPath);
    return newPath;
  }

  async deleteFolder(path: string): Promise<void> {
    const f = await this.folder(path);
    if (f.specialUse) throw new MailroomError("FORBIDDEN", PROTECTED);
    await this.collect(await this.store.deleteFolder(this.account, path));
  }

  async listMessages(folder: string, opts: ListOptions): Promise<MessagePage> {
    // "Load more" of a search after any change to the folder would count every match again (a word in
    // every message of 100,000: ~35 ms against the page's ~10); the list already shows the total.
    const keep = opts.keepTotal === true && opts.before !== undefined && opts.search !== undefined;
    const { page, totalLater } = await this.page(folder, opts, keep);
    return totalLater ? { ...page, totalLater: true } : page;
  }

  /** A page of the folder; with `countLater`, a search's total still to count is left out (`totalLater`). */
  private async page(folder: string, opts: ListOptions, countLater: boolean): Promise<{ page: MessagePage; totalLater: boolean }> {
    const f = await this.folder(folder);
    const empty: MessagePage = { folder, uidValidity: f.uidValidity, total: 0, messages: [], nextCursor: null };
    if (opts.search && !cacheSearch(opts.search.text, opts.search.field)) return { page: empty, totalLater: false };
    // Big folders (issue 12 point 7) by the cache's own indexes: the oldest page, or from a day.
    const jump = opts.before === undefined && !opts.search ? opts.jump : undefined;
    const found = await this.store.listMessages(this.account, folder, { before: opts.before, limit: jump ? opts.limit : opts.limit + 1, search: opts.search, jump, countLater });
    const { total, rows, offset } = found;
    const page = rows.slice(0, opts.limit).map(toSummary);
    // A jump's page knows its place (offset), so whether older rows follow; otherwise the extra row says.
    const more = page.length > 0 && (jump ? (offset ?? 0) + page.length < total : rows.length > opts.limit);
    const at = { ...empty, total, messages: page, nextCursor: more ? page[page.length - 1]!.uid : null, ...(offset ? { offset } : {}), ...(found.totalAtLeast ? { totalAtLeast: true as const } : {}) };
    return { page: at, totalLater: found.totalLater === true };
  }

  /**
   * A folder search for GET /api/search/stream: the first page's rows as soon as SQLite has them, then
   * the total. Counting every match can cost more than the page (a word in every message of a
   * 100,000-message folder: ~35 ms against ~10), and the list shows the rows meanwhile. A total already
   * counted while the folder is unchanged comes with the rows. The deadline does not apply: SQLite answers whole.
   */
  async searchStream(folder: string, opts: Parameters<StreamsSearch["searchStream"]>[1], emit: (chunk: SearchChunk) => void | Promise<void>): Promise<void> {
    const search = { text: opts.text, field: opts.field };
    const { page, totalLater } = await this.page(folder, { limit: opts.limit, search }, true);
    await emit({ type: "rows", messages: page.messages });
    if (opts.signal?.aborted) return;
    const { total, totalAtLeast } = totalLater ? await this.store.countSearch(this.account, folder, search) : page;
    if (opts.signal?.aborted) return;
    await emit({ type: "done", folder, uidValidity: page.uidValidity, total, ...(totalAtLeast ? { totalAtLeast } : {}), nextCursor: page.nextCursor, complete: true, cached: false });
  }

  async getMessage(folder: string, uid: number, opts: GetMessageOptions = {}): Promise<MessageDetail> {
    const row = await this.row(folder, uid);
    const body = await loadBody(this.cache, this.account, row);
    const summary = toSummary(row);
    if (!opts.peek && !row.seen) {
      await this.store.setFlag(this.account, folder, [uid], "seen", true);
      summary.seen = true;
    }
    return {
      ...summary,
      folder,
      cc: row.cc,
      replyTo: row.replyTo,
      messageId: row.messageId,
      ...bodyFields(body, uid, folder),
      // Parsed whole, the walk lists every part by its IMAP-style id; streamed (big) ones keep the ingest list.
      attachments: expandTnef(body.structure?.attachments ?? row.attachments, body.tnef),
      invites: body.invites?.length ? body.invites : undefined,
    };
  }

  async renderBody(folder: string, uid: number, opts: { allowRemote: boolean; block?: number }): Promise<RenderedBody> {
    const body = await loadBody(this.cache, this.account, await this.row(folder, uid));
    return sanitizedBlock(body, opts.block ?? 0, opts.allowRemote);
  }

  async openAttachment(folder: string, uid: number, partId: string): Promise<OpenedPart> {
    return openStoredAttachment(this.cache, await this.row(folder, uid), partId);
  }

  async setFlags(folder: string, uids: number[], change: FlagChange): Promise<void> {
    await this.folder(folder);
    const flag = change === "read" || change === "unread" ? "seen" : "flagged";
    await this.store.setFlag(this.account, folder, uids, flag, change === "read" || change === "flag");
  }

  async move(folder: string, uids: number[], target: string): Promise<void> {
    if (target === folder) throw new MailroomError("BAD_REQUEST", "The messages are already in that folder.");
    await this.folder(folder);
    await this.folder(target);
    await this.store.moveMessages(this.account, folder, uids, target);
  }

  /** To Trash; inside Trash for good (row, search row, blob when nothing else uses it, and the tombstone). */
  async remove(folder: string, uids: number[]): Promise<string> {
    const trash = (await this.store.listFolders(this.account)).find((f) => f.specialUse === "trash")?.path ?? "Trash";
    if (folder === trash) {
      await this.folder(folder);
      await this.collect(await this.store.deleteMessages(this.account, folder, uids));
      return "";
    }
    await this.move(folder, uids, trash);
    return trash;
  }

  async describe(folder: string, uids: number[]): Promise<MessageMeta[]> {
    const f = await this.folder(folder);
    const out: MessageMeta[] = [];
    for (const uid of uids) {
      const row = await this.store.getMessage(this.account, folder, uid);
      if (row) out.push({ uid, messageId: row.messageId, uidValidity: f.uidValidity, seen: row.seen, flagged: row.flagged, answered: row.answered });
    }
    return out;
  }

  private async collect(hashes: string[]): Promise<void> {
    await this.store.collectBlobs(hashes, (sha) => this.cache.blobs.remove(sha));
  }

  // --- compose: drafts and sent copies live in the cache like any other message ---

  private async special(use: SpecialUse, fallback: string): Promise<string> {
    await this.store.ensureAccount(this.account);
    return (await this.store.listFolders(this.account)).find((f) => f.specialUse === use)?.path ?? fallback;
  }

  private async put(folder: string, raw: Buffer): Promise<number> {
    const tmp = await writeTemp(this.cache, Readable.from([raw]), "compose");
    const res = await storeMessage(this.cache, tmp, { account: this.account, folderPath: folder, seen: true });
    if (res.uid === null) throw new MailroomError("INTERNAL", "The message could not be stored.");
    return res.uid;
  }

  async saveDraft(raw: Buffer, supersedes: DraftRef): Promise<{ folder: string; uid: number }> {
    const folder = await this.special("drafts", "Drafts");
    const uid = await this.put(folder, raw);
    await this.removeDrafts(folder, supersedes, uid);
    return { folder, uid };
  }

  async deleteDraft(target: DraftRef): Promise<void> {
    await this.removeDrafts(await this.special("drafts", "Drafts"), target, Infinity);
  }

  private async removeDrafts(folder: string, target: DraftRef, below: number): Promise<void> {
    const uids = new Set<number>();
    if (target.uid && target.uid < below) uids.add(target.uid);
    if (target.messageId) {
      const { rows } = await this.store.listMessages(this.account, folder, { limit: 1000 });
      for (const r of rows) if (r.messageId === target.messageId && r.uid < below) uids.add(r.uid);
    }
    if (uids.size) await this.collect(await this.store.deleteMessages(this.account, folder, [...uids]));
  }

  async appendSent(raw: Buffer): Promise<string> {
    const folder = await this.special("sent", "Sent");
    await this.put(folder, raw);
    return folder;
  }

  async markReplied(folder: string, uid: number, kind: "answered" | "forwarded"): Promise<void> {
    // The cache has no $Forwarded column; a forward leaves the original as it was.
    if (kind === "answered") await this.store.setFlag(this.account, folder, [uid], "answered", true);
  }

  async readRaw(folder: string, uid: number, max: number): Promise<Buffer> {
    const row = await this.row(folder, uid);
    if (row.size > max) throw new MailroomError("ATTACHMENT_TOO_LARGE", "That message is too large to forward or edit here.");
    return this.cache.blobs.read(row.sha256);
  }

  async recentAddresses(): Promise<Address[]> {
    const out: Address[] = [];
    const sent = await this.special("sent", "Sent");
    const inbox = await this.store.listMessages(this.account, "INBOX", { limit: 300 });
    for (const r of inbox.rows.reverse()) if (r.from) out.push(r.from);
    const sentRows = await this.store.listMessages(this.account, sent, { limit: 300 }).catch(() => ({ rows: [] as MessageRow[] }));
    for (const r of sentRows.rows.reverse()) out.push(...r.to, ...r.cc);
    return out;
  }
}
