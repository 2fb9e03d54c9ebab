import "server-only";
import type { DraftRef, FlagChange, GetMessageOptions, FolderPlace, KnowsFolderStates, ListOptions, MailStore, MessageMeta, MovedUids, OpenedPart, PlacesFolders, ReadsThreadHeaders, Removed, RenderedBody, SearchesUids, SearchField, StreamsSearch, ThreadHeaders } from "@/lib/mail/store";
import type { SearchChunk } from "@/lib/shared/search-stream";
import { streamSearch } from "@/lib/imap/search-stream";
import { env } from "@/lib/env";
import { ALL_UIDS_MAX } from "@/lib/shared/bulk";
import type { MessageSummary } from "@/lib/shared/types";
import { fetchThreadHeaders, fetchThreadWindow } from "@/lib/imap/thread-headers";
import type { Address, Folder, MessageDetail, MessagePage } from "@/lib/shared/types";
import { addFlag, appendSent, deleteDraft, readRaw, recentAddresses, saveDraft } from "@/lib/imap/compose-ops";
import { describeMessages } from "@/lib/imap/describe-messages";
import { mailboxIdentity } from "@/lib/mail/mailbox-identity";
import { namespacesFor, placeFolder, readNamespaces } from "@/lib/imap/namespaces";
import { MailroomError } from "@/lib/errors";

import { sharedState } from "@/lib/shared-state/state";

// Moves out of one mailbox run one at a time (see moveMessages): in this process, or across instances
// with REDIS_URL. Keyed by the real mailbox, so the owner's "Team" and a colleague's "shared/owner/Team"
// queue together.
const moves = () => sharedState().mutex();
import type { ImapFlow } from "imapflow";
import type { AccountPool } from "@/lib/imap/pool";
import { listFolders } from "@/lib/imap/list-folders";
import { describeSharing } from "@/lib/imap/folder-sharing";
import { createFolder, deleteFolder, renameFolder } from "@/lib/imap/folder-ops";
import { knownSearchPage, listMessages } from "@/lib/imap/list-messages";
import { folderValidators } from "@/lib/imap/search-cache";
import { getMessage, renderBody } from "@/lib/imap/get-message";
import { openAttachment } from "@/lib/imap/open-attachment";
import { moveMessages, removeMessages, searchUids, setFlags } from "@/lib/imap/update-messages";
import { folderAcl } from "@/lib/imap/my-rights";
import { largestMessages, readQuota } from "@/lib/imap/quota";
import type { LargestResponse, QuotaInfo } from "@/lib/shared/quota";

/** MailStore over a live IMAP account: each call borrows a pooled connection for one operation. */
export class ImapStore implements MailStore, PlacesFolders, SearchesUids, ReadsThreadHeaders, StreamsSearch, KnowsFolderStates {
  /**
   * `login`: the account's login name, as signed in with (the owner identity of its own folders).
   * `signal`: the request's; when the browser goes away, work still queued for a connection is dropped.
   */
  constructor(
    private readonly pool: AccountPool,
    private readonly login: string,
    private readonly signal?: AbortSignal,
  ) {}

  private run<T>(job: (c: ImapFlow) => Promise<T>, opts: { idempotent?: boolean; background?: boolean; signal?: AbortSignal; folder?: string } = {}): Promise<T> {
    const signal = opts.signal && this.signal ? AbortSignal.any([opts.signal, this.signal]) : (opts.signal ?? this.signal);
    return this.pool.run(job, { ...opts, signal });
  }

  /** `run`, telling `timings` (the route's Server-Timing) how long the job waited for a connection ("pool") and how long it ran ("imap"). */
  private timedRun<T>(timings: { add(name: string, ms: number): void } | undefined, job: (c: ImapFlow) => Promise<T>, opts: { background?: boolean; signal?: AbortSignal; folder?: string }): Promise<T> {
    const asked = performance.now();
    return this.run(async (c) => {
      const started = performance.now();
      timings?.add("pool", started - asked);
      try {
        return await job(c);
      } finally {
        timings?.add("imap", performance.now() - started);
      }
    }, opts);
  }

  async placeFolder(folder: string): Promise<FolderPlace> {
    const ns = await namespacesFor(this.login, () => this.run(async (c) => readNamespaces(c)));
    const place = placeFolder(ns, folder);
    if (!place) throw new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.");
    return place;
  }

  listFolders(): Promise<Folder[]> {
    return this.run(async (c) => describeSharing(c, this.login, await listFolders(c)));
  }
  /** Who the server says a folder is shared with (GETACL; the caller checks the "a" right first). */
  folderAcl(folder: string): Promise<string[] | null> {
    return this.run((c) => folderAcl(c, folder));
  }
  createFolder(parent: string | null, name: string): Promise<string> {
    return this.run((c) => createFolder(c, parent, name), { idempotent: false });
  }
  renameFolder(path: string, newName: string): Promise<string> {
    return this.run((c) => renameFolder(c, path, newName), { idempotent: false });
  }
  deleteFolder(path: string): Promise<void> {
    return this.run((c) => deleteFolder(c, path), { idempotent: false });
  }
  listMessages(folder: string, opts: ListOptions): Promise<MessagePage> {
    const known = opts.knownState ? knownSearchPage(this.pool.key, folder, opts, opts.knownState) : null;
    if (known) return Promise.resolve(known);
    // A search (one folder of an all-folders search, say) queues behind opens and lists (account-pool.ts).
    return this.timedRun(opts.timings, (c) => listMessages(c, this.pool.key, folder, opts), { background: !!opts.search, signal: opts.signal, folder });
  }
  getMessage(folder: string, uid: number, opts: GetMessageOptions = {}): Promise<MessageDetail> {
    return this.timedRun(opts.timings, (c) => getMessage(c, this.pool.key, folder, uid, opts.peek ?? false), { background: opts.background, folder });
  }
  renderBody(folder: string, uid: number, opts: { allowRemote: boolean; block?: number }): Promise<RenderedBody> {
    return this.run((c) => renderBody(c, this.pool.key, folder, uid, opts.allowRemote, opts.block ?? 0), { folder });
  }
  openAttachment(folder: string, uid: number, partId: string): Promise<OpenedPart> {
    return openAttachment(this.pool, folder, uid, partId, this.signal);
  }
  setFlags(folder: string, uids: number[], change: FlagChange): Promise<void> {
    return this.run((c) => setFlags(c, folder, uids, change), { folder });
  }
  move(folder: string, uids: number[], target: string): Promise<MovedUids | void> {
    return this.mailboxKey(folder).then((key) => moves().run(key, () => this.run((c) => moveMessages(c, folder, uids, target), { idempotent: false })));
  }
  remove(folder: string, uids: number[]): Promise<Removed> {
    return this.mailboxKey(folder).then((key) => moves().run(key, () => this.run((c) => removeMessages(c, folder, uids), { idempotent: false })));
  }
  private async mailboxKey(folder: string): Promise<string> {
    return mailboxIdentity(this.login, "imap", await this.placeFolder(folder)).key;
  }
  folderStates(opts: { signal?: AbortSignal } = {}): Promise<Map<string, string>> {
    return this.run((c) => folderValidators(c), { background: true, signal: opts.signal });
  }
  searchUids(folder: string, opts: { unseen: boolean }): Promise<number[]> {
    return this.run((c) => searchUids(c, folder, opts.unseen, ALL_UIDS_MAX), { folder });
  }
  /** Streamed folder search (issue 13): not retried on a dropped connection, rows may already be out. */
  searchStream(folder: string, opts: { text: string; field: SearchField; limit: number; deadlineAt: number; signal?: AbortSignal }, emit: (chunk: SearchChunk) => void | Promise<void>): Promise<void> {
    const e = env();
    const signal = opts.signal ?? this.signal;
    return this.pool.run((c) => streamSearch(c, this.pool.key, folder, { ...opts, signal, firstRange: e.SEARCH_FIRST_RANGE, cacheTtlMs: e.SEARCH_CACHE_TTL_MS }, emit), { idempotent: false, signal, background: true, folder });
  }
  describe(folder: string, uids: number[]): Promise<MessageMeta[]> {
    return this.run((c) => describeMessages(c, folder, uids), { folder });
  }
  saveDraft(raw: Buffer, supersedes: DraftRef): Promise<{ folder: string; uid: number }> {
    return this.run((c) => saveDraft(c, raw, supersedes), { idempotent: false });
  }
  deleteDraft(target: DraftRef): Promise<void> {
    return this.run((c) => deleteDraft(c, null, target));
  }
  appendSent(raw: Buffer): Promise<string> {
    return this.run((c) => appendSent(c, raw), { idempotent: false });
  }
  markReplied(folder: string, uid: number, kind: "answered" | "forwarded"): Promise<void> {
    return this.run((c) => addFlag(c, folder, uid, kind === "answered" ? "\\Answered" : "$Forwarded"));
  }
  readRaw(folder: string, uid: number, max: number): Promise<Buffer> {
    return this.run((c) => readRaw(c, folder, uid, max));
  }
  recentAddresses(): Promise<Address[]> {
    return this.run((c) => recentAddresses(c));
  }
  /** Settings → quota bar: GETQUOTAROOT "INBOX", null without QUOTA. */
  quota(): Promise<QuotaInfo | null> {
    return this.run((c) => readQuota(c));
  }
  /** "Free up space": the largest messages in the account's own selectable folders. */
  async largestMessages(limit: number): Promise<LargestResponse> {
    const own = (await this.listFolders()).filter((f) => f.selectable && !f.shared).map((f) => f.path);
    return this.run((c) => largestMessages(c, own, limit));
  }
  threadHeaders(folder: string, uids: number[]): Promise<ThreadHeaders[]> {
    return this.run((c) => fetchThreadHeaders(c, folder, uids));
  }
  threadWindow(folder: string, since: Date, until: Date, max: number): Promise<(MessageSummary & ThreadHeaders)[]> {
    return this.run((c) => fetchThreadWindow(c, folder, since, until, max));
  }
}
