"use client";

import { firstPageUrl, keepAnswer, loadFirstPage, startFolderPage } from "@/hooks/folder-page-fetch";
import { folderPageCache } from "@/hooks/folder-page-cache";
import { renderListFirst } from "@/hooks/list-first";

/*
 * A switch to a folder (or a jump to its oldest page) the tab has not fetched yet is shown in ONE render,
 * with its rows, as soon as they arrive (issue 13). Rendering the switch at the click with an empty,
 * animated list cost more than it showed: on this machine the click's render of the whole mail app, the
 * passive effects it set off, Next's router catching up with the address and the skeleton's animation
 * kept the main thread busy for ~250 ms, and the answer (~12 ms from the server) waited behind all of it
 * for a late frame. So the click only sends the request; when the answer comes, the switch renders it
 * synchronously (flushSync), and the frame after shows it. A slow server still gets its loading state,
 * after WAIT_MS, as before: a person reads anything within about a tenth of a second as the click's
 * own answer, while a skeleton flashed for a few frames before the rows is only noise. That render is
 * the list's alone on wide screens; the top bar, folder tree and reading pane follow after the frame
 * (hooks/list-first.tsx).
 */

/** Longest a switch (or a search, hooks/search-stream-start.ts) waits for its rows before it shows the loading state instead. */
export const WAIT_MS = 120;

// Switches, jumps and searches share one count: whichever was asked last is the one shown.
let latest = 0;

export interface Showing {
  /** Shows now (once; a later call does nothing), in a synchronous render of the list first, unless a later one superseded it. */
  go: () => void;
  /** Still to be shown: not yet shown, not superseded. */
  wanted: () => boolean;
}

/** Runs `show` when the caller says its answer is here (`go`), or after `waitMs`, whichever comes first. */
export function showSoon(show: () => void, waitMs = WAIT_MS): Showing {
  const mine = ++latest;
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (mine === latest) renderListFirst(show);
  };
  const timer = setTimeout(go, waitMs);
  return { go, wanted: () => !done && mine === latest };
}

/**
 * Runs `show` once the first page at `url` has arrived (or failed: its error is then shown the usual
 * way), or after `waitMs`, whichever comes first, in a synchronous render. A later call supersedes an
 * earlier one still waiting: only the last click is shown.
 */
export function showWhenReady(url: string, show: () => void, waitMs = WAIT_MS): void {
  const showing = showSoon(show, waitMs);
  // Starts the request, or joins the one a press or a prefetch already sent.
  loadFirstPage(url).then((page) => {
    if (showing.wanted()) keepAnswer(url, page);
    showing.go();
  }, showing.go);
}

/**
 * A click on a folder: its request leaves now; `show` (the switch) runs at once for the folder on screen
 * or one the tab remembers (painted from its cache in the click's own render), and for Conversations
 * (whose list is its threads, asked by the switch); otherwise once its first page has come.
 */
export function switchFolder(account: string, current: string, folder: string, opts: { threads: boolean }, show: () => void): void {
  if (folder === current) return show();
  const remembered = folderPageCache.has(account, folder);
  startFolderPage(account, folder);
  if (remembered || opts.threads) renderListFirst(show);
  else showWhenReady(firstPageUrl(folder), show);
}
