"use client";

import type { MessagePage } from "@/lib/shared/types";
import { apiFetch } from "@/hooks/use-api";
import { folderPageCache, onFolderPageCacheClear } from "@/hooks/folder-page-cache";
import { PAGE_SIZE } from "@/hooks/messages-query";
import { sameRows } from "@/lib/shared/same-rows";

/*
 * First pages of folders (and the "Oldest" page), asked once however many parts of the tab want them
 * (issue 13 point 6). A click starts the request before React renders anything; a pointer resting on a
 * folder, keyboard focus on it, or an idle moment after the first screen asks ahead. The list hook then
 * takes the answer in flight (or one at most FRESH_MS old) instead of asking again. Every answer carries
 * a validator (ETag); confirming a page the tab already holds sends it, and an unchanged page comes back
 * as an empty 304. GET only: nothing here changes state on the server.
 *
 * A folder's prefetched page goes into the tab's folder cache, and the switch that paints it still
 * confirms it (a 304 when unchanged): a message moved there meanwhile must show. A jump's page has no
 * cache of its own, so its prefetched answer is shared for FRESH_MS; the live stream resumes from its token.
 */

/** How long a finished jump answer stands in for a request of its own. */
export const FRESH_MS = 10_000;
/** In-flight and recent answers kept (by URL); a few folders, the oldest page, a prefetch or two. */
const MAX_RECENT = 8;

interface Recent {
  at: number;
  promise: Promise<MessagePage>;
  /** The answer, once it came: a switch waiting for it renders it in its own (single) render. */
  page?: MessagePage;
}

const recent = new Map<string, Recent>();
/** The last page the server sent per URL and its validator: If-None-Match only when the tab still shows exactly it. */
const validators = new Map<string, { etag: string; json: string; page: MessagePage }>();
/** When a folder's page was last asked ahead: resting on it again soon asks nothing. */
const prefetched = new Map<string, number>();

export function firstPageUrl(folder: string, jump?: string | null): string {
  const params = new URLSearchParams({ folder, limit: String(PAGE_SIZE) });
  if (jump) params.set("jump", jump);
  return `/api/messages?${params.toString()}`;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const k of map.keys()) {
    if (map.size <= MAX_RECENT) break;
    map.delete(k);
  }
}

/** The page the server sent last for this URL, when `shown` is still exactly it (so a 304 means "keep it"). */
function validatorFor(url: string, shown: MessagePage | undefined): { etag: string; page: MessagePage } | undefined {
  const v = validators.get(url);
  if (!v || !shown) return undefined;
  if (shown.total !== v.page.total || shown.token !== v.page.token) return undefined;
  // The rows the server sent, still the same objects, need no JSON to compare: this runs in a switch's
  // press, in front of its frame.
  return sameRows(shown.messages, v.page.messages) || JSON.stringify(shown.messages) === v.json ? v : undefined;
}

async function request(url: string, shown: MessagePage | undefined): Promise<MessagePage> {
  const v = validatorFor(url, shown);
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json", ...(v ? { "If-None-Match": v.etag } : {}) } });
  } catch {
    // The error path (words for a person, sign-in redirect) is apiFetch's: ask once more through it.
    return apiFetch<MessagePage>(url);
  }
  if (res.status === 304 && v) return v.page;
  if (!res.ok) return apiFetch<MessagePage>(url);
  const page = (await res.json()) as MessagePage;
  const etag = res.headers.get("etag");
  if (etag) remember(validators, url, { etag, json: JSON.stringify(page.messages), page });
  return page;
}

/**
 * The first page at `url`: an answer in flight or at most FRESH_MS old is shared; otherwise one request,
 * conditional when `shown` (the page on screen, e.g. from the folder cache) is what the server sent last.
 * `force` (a reload, Retry, a changed order) always asks the server. `take` (the list itself) uses the
 * answer up: after that the list's own changes (a move, a flag) are newer than it, so it is not shared again.
 */
export function loadFirstPage(url: string, opts: { shown?: MessagePage; force?: boolean; take?: boolean } = {}): Promise<MessagePage> {
  const now = Date.now();
  const r = recent.get(url);
  if (r && !opts.force && now - r.at <= FRESH_MS) {
    if (opts.take) recent.delete(url);
    return r.promise;
  }
  const promise = request(url, opts.shown);
  if (opts.take) return promise;
  const entry: Recent = { at: now, promise };
  remember(recent, url, entry);
  promise.then(
    (page) => {
      entry.page = page;
    },
    // A failure is not an answer to share: the next caller asks again.
    () => {
      if (recent.get(url)?.promise === promise) recent.delete(url);
    },
  );
  return promise;
}

/** An answer for `url` is in flight or (a jump's) fresh: asking again would be a duplicate. */
export function hasFreshPage(url: string): boolean {
  const r = recent.get(url);
  return !!r && Date.now() - r.at <= FRESH_MS;
}

/**
 * Asks ahead for a folder's first page (pointer resting, focus, idle) and puts it in the tab's folder
 * cache, so the switch paints at once. Resolves when done; never throws (a failed prefetch is just not there).
 */
export async function prefetchFolderPage(account: string, folder: string): Promise<void> {
  const url = firstPageUrl(folder);
  if (hasFreshPage(url) || Date.now() - (prefetched.get(url) ?? -Infinity) <= FRESH_MS) return;
  remember(prefetched, url, Date.now());
  try {
    const promise = loadFirstPage(url, { shown: folderPageCache.get(account, folder) });
    const page = await promise;
    if (page.folder === folder) folderPageCache.set(account, folder, page);
    // Now in the folder cache: the switch paints it and confirms it (conditionally) rather than trusting it.
    if (recent.get(url)?.promise === promise) recent.delete(url);
  } catch {
    // Not there, then: the click asks for it as before.
    prefetched.delete(url);
  }
}

/** A click on a folder: its request leaves now, before React renders the switch. */
export function startFolderPage(account: string, folder: string): void {
  void loadFirstPage(firstPageUrl(folder), { shown: folderPageCache.get(account, folder) }).catch(() => {});
}

/** A jump ("oldest", a day): the click's request, or a prefetch while the pointer rests on "Oldest". */
export function startJumpPage(folder: string, jump: string): void {
  void loadFirstPage(firstPageUrl(folder, jump)).catch(() => {});
}

/** Sign-out or tests: nothing of this account's answers stays. */
export function clearFolderPageFetches(): void {
  recent.clear();
  validators.clear();
  prefetched.clear();
}

// Sign-out clears the folder cache (components/mail/top-bar.tsx), and these answers with it.
onFolderPageCacheClear(clearFolderPageFetches);

/** A shared answer for `url` that has already arrived and is still fresh; undefined while in flight. */
export function readyPage(url: string): MessagePage | undefined {
  const r = recent.get(url);
  return r && Date.now() - r.at <= FRESH_MS ? r.page : undefined;
}

/**
 * An answer a switch waited for (hooks/show-when-ready.ts) stays shared for the list to take, even when a
 * prefetch that fetched it has already moved it into the folder cache: it is not confirmed again.
 */
export function keepAnswer(url: string, page: MessagePage): void {
  if (!recent.has(url)) remember(recent, url, { at: Date.now(), promise: Promise.resolve(page), page });
}
