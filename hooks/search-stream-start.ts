"use client";

import { showSoon, WAIT_MS } from "@/hooks/show-when-ready";
import { readSearchStream } from "@/hooks/search-stream-fetch";
import { PAGE_SIZE, type SearchField } from "@/hooks/use-messages";
import type { SearchChunk } from "@/lib/shared/search-stream";

/*
 * A folder search starts in the key handler (issue 13): the stream's request is the first thing Enter
 * sends, before React renders anything, the recent-searches POST or the router. The list hook
 * (hooks/use-streamed-search.ts) then takes the stream in flight, with the lines that came so far,
 * instead of opening its own. The search renders once its first lines are here (or after WAIT_MS, with
 * the "still searching" state), in one synchronous render, with the folder switch's own timing (hooks/show-when-ready.ts).
 */

/** A started stream nobody took (the search was replaced or never rendered) is dropped after this. */
const UNTAKEN_MS = 10_000;

export function streamUrl(folder: string, q: string, field: SearchField): string {
  return `/api/search/stream?${new URLSearchParams({ folder, q, field, limit: String(PAGE_SIZE) }).toString()}`;
}

interface Started {
  url: string;
  controller: AbortController;
  /** The lines read so far, in order. */
  chunks: SearchChunk[];
  /** The list hook, once it has taken the stream. */
  listener: ((chunk: SearchChunk) => void) | null;
  end: Promise<void>;
}

/** One at a time: a new search replaces (and aborts) one that nobody has taken yet. */
let started: Started | null = null;

function start(url: string): Started {
  if (started) started.controller.abort();
  const controller = new AbortController();
  const s: Started = { url, controller, chunks: [], listener: null, end: Promise.resolve() };
  s.end = readSearchStream(url, controller.signal, (chunk) => {
    s.chunks.push(chunk);
    s.listener?.(chunk);
  });
  // Nobody may take it (a later search came first); its failure is then nobody's to show.
  s.end.catch(() => {});
  started = s;
  setTimeout(() => {
    if (started !== s) return;
    started = null;
    controller.abort();
  }, UNTAKEN_MS);
  return s;
}

/**
 * Enter on a folder search: the stream starts now; `show` (the navigation to the search) runs in a
 * synchronous render once the first line has come, the stream has ended or failed, or after `waitMs`.
 * A later search supersedes one still waiting.
 */
export function searchWhenReady(folder: string, q: string, field: SearchField, show: () => void, waitMs = WAIT_MS): void {
  const s = start(streamUrl(folder, q.trim(), field));
  const showing = showSoon(show, waitMs);
  // The first line, the end or a failure: whichever comes first (then a no-op until the list takes over).
  s.listener = showing.go;
  s.end.then(showing.go, showing.go);
}

/** The lines a started, not yet taken stream for `url` has brought so far (empty: none yet; undefined: no such stream). */
export function peekSearchStream(url: string): readonly SearchChunk[] | undefined {
  return started?.url === url ? started.chunks : undefined;
}

/**
 * Takes the started stream for `url`: `onChunk` gets every line so far at once, then each as it comes.
 * Returns its end (as readSearchStream's) and its abort, or null when there is no such stream.
 */
export function takeSearchStream(url: string, onChunk: (chunk: SearchChunk) => void): { end: Promise<void>; abort: () => void } | null {
  const s = started;
  if (!s || s.url !== url) return null;
  started = null;
  for (const chunk of s.chunks) onChunk(chunk);
  s.listener = onChunk;
  return { end: s.end, abort: () => s.controller.abort() };
}
