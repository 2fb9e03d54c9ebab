// Browser-safe and pure: the bounds are unit-tested (folder-page-cache.test.ts); hooks/folder-page-cache.ts holds the tab's one.
import type { MessagePage } from "@/lib/shared/types";
import { sameRows } from "@/lib/shared/same-rows";

/*
 * The first pages of the folders this tab showed last (issue 13 point 6): a folder switch paints the
 * remembered page at once, then the server confirms it (hooks/use-messages.ts). Bounded by count and by
 * size, and held for one account only: another account's (or a signed-out person's) rows never show.
 * It lives in this tab's memory; signing out leaves the page, which drops it, and clears it first anyway.
 */
export const FOLDER_CACHE_MAX_FOLDERS = 8;
/** About 2 MB of UTF-16: eight ordinary pages are 20–60 kB each; a page of giant subjects is skipped. */
export const FOLDER_CACHE_MAX_CHARS = 1_000_000;

interface Entry {
  page: MessagePage;
  chars: number;
}

/** The same row objects and the same paging and order. */
function samePageContent(a: MessagePage, b: MessagePage): boolean {
  const keys = ["folder", "uidValidity", "token", "total", "nextCursor", "offset", "sort", "sortUnavailable"] as const;
  return a === b || (keys.every((k) => a[k] === b[k]) && sameRows(a.messages, b.messages));
}

export class FolderPageCache {
  private account: string | null = null;
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(
    readonly maxFolders = FOLDER_CACHE_MAX_FOLDERS,
    readonly maxChars = FOLDER_CACHE_MAX_CHARS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Characters held (the byte bound's measure). */
  get heldChars(): number {
    return this.chars;
  }

  /** The folder's remembered first page for this account, or undefined; marks it recently used. */
  get(account: string, folder: string): MessagePage | undefined {
    if (!this.sameAccount(account)) return undefined;
    const e = this.entries.get(folder);
    if (!e) return undefined;
    this.entries.delete(folder);
    this.entries.set(folder, e);
    return e.page;
  }

  /** Whether the folder's page is held for this account, without marking it used (the idle prefetch asks). */
  has(account: string, folder: string): boolean {
    return this.sameAccount(account) && this.entries.has(folder);
  }

  set(account: string, folder: string, page: MessagePage): void {
    if (!this.sameAccount(account)) {
      this.clear();
      this.account = account.toLowerCase();
    }
    // The page it holds again (a switch back shows the remembered page, and the list writes it back): no
    // second measure. Measuring is a JSON.stringify of ~50 rows, run in the effects a switch's click flushes
    // before the browser paints.
    const held = this.entries.get(folder);
    if (held && samePageContent(held.page, page)) {
      this.entries.delete(folder);
      this.entries.set(folder, { page, chars: held.chars });
      return;
    }
    this.delete(folder);
    const chars = JSON.stringify(page).length;
    // One page bigger than the whole budget would evict everything else and still not fit.
    if (chars > this.maxChars) return;
    this.entries.set(folder, { page, chars });
    this.chars += chars;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.maxFolders && this.chars <= this.maxChars) break;
      this.entries.delete(key);
      this.chars -= e.chars;
    }
  }

  delete(folder: string): void {
    const e = this.entries.get(folder);
    if (!e) return;
    this.entries.delete(folder);
    this.chars -= e.chars;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
    this.account = null;
  }

  private sameAccount(account: string): boolean {
    return this.account === account.toLowerCase();
  }
}
