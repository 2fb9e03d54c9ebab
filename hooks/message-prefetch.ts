"use client";

import { useEffect, useRef } from "react";
import type { MessageDetail, MessageSummary } from "@/lib/shared/types";
import { PREFETCH_HEADER, PrefetchCache, type Claim } from "@/lib/shared/prefetch-cache";
import { afterPaint } from "@/hooks/after-paint";

/*
 * Issue 13 point 4: "nothing waits that could have been ready". The open message's neighbours, a row
 * the pointer rests on and a row that gets focus are fetched ahead, with the same GET the reading pane
 * uses (GET never marks read: the pane's POST does, on a real open). The answer carries the sanitised
 * body for srcdoc (BodyBlock.doc), so a prefetched message opens with no request at all.
 */

// Long enough that sweeping across the list fetches nothing; short enough to finish before the click.
const HOVER_INTENT_MS = 80;

const keyOf = (folder: string, uid: number) => `${folder}\u0000${uid}`;

async function loadDetail(key: string, signal: AbortSignal, urgent: boolean): Promise<{ value: MessageDetail; bytes: number }> {
  const [folder, uid] = key.split("\u0000") as [string, string];
  const res = await fetch(`/api/messages/${uid}?folder=${encodeURIComponent(folder)}`, {
    method: "GET",
    credentials: "same-origin",
    cache: "no-store",
    // A guess waits on the server behind real opens; an open (or a press on the row) does not.
    headers: urgent ? { Accept: "application/json" } : { Accept: "application/json", [PREFETCH_HEADER]: "1" },
    signal,
    // Ahead of the page's other requests on the browser's connections when it is an open.
    priority: urgent ? "high" : "low",
  });
  // Any failure (signed out, gone, server busy) is left for the real open to meet and explain.
  if (!res.ok) throw new Error(`prefetch ${res.status}`);
  const text = await res.text();
  return { value: JSON.parse(text) as MessageDetail, bytes: text.length * 2 };
}

const cache: PrefetchCache<MessageDetail> = ((globalThis as Record<string, unknown>).__mailroomMessagePrefetch ??= new PrefetchCache<MessageDetail>(loadDetail)) as PrefetchCache<MessageDetail>;

/** For the reading pane: a prefetched answer to show at once, one under way to join, or null. */
export function claimPrefetched(folder: string, uid: number): Claim<MessageDetail> {
  return cache.claim(keyOf(folder, uid));
}

/** For a render: the kept answer if there is one, leaving it in place (the open's effect claims it). */
export function peekPrefetched(folder: string, uid: number): MessageDetail | null {
  return cache.peek(keyOf(folder, uid));
}

/** The request under way for this message (the open's own or a prefetch), without claiming it. */
export function whenFetched(folder: string, uid: number): Promise<MessageDetail> | null {
  return cache.pending(keyOf(folder, uid));
}

/**
 * A click (or j/k) opening a message: its request starts here, in the event handler, before React
 * renders anything; the reading pane then joins it. Nothing when it is kept or already on its way.
 */
export function startOpen(folder: string, uid: number): void {
  cache.open(keyOf(folder, uid));
}

/** `urgent`: ahead of the queued guesses (still within the size limit: it is still a guess). */
export function prefetchMessage(folder: string, row: Pick<MessageSummary, "uid" | "size">, urgent = false): boolean {
  return cache.prefetch(keyOf(folder, row.uid), row.size, urgent);
}

/** After a change the kept copy would not show (moved, deleted, flagged elsewhere): drop it. */
export function forgetPrefetched(folder: string, uid: number): void {
  cache.forget(keyOf(folder, uid));
}

/**
 * Mounted once by the mail app. `rows`: the list in the order shown; `loadedUid`: the open message once
 * it has arrived (its neighbours wait for it, so they never compete with the message being read).
 * Hover and focus are read from the list's rows ([role=listitem][data-uid]) by delegation, so the rows
 * themselves need no new props.
 */
export function useMessagePrefetch(folder: string, rows: readonly MessageSummary[], openUid: number | null, loadedUid: number | null): void {
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const openRef = useRef(openUid);
  openRef.current = openUid;

  useEffect(() => {
    if (openUid === null || loadedUid !== openUid) return;
    let live = true;
    // After the frame that shows the open message: these requests are for later.
    void afterPaint().then(() => {
      const list = rowsRef.current;
      const i = list.findIndex((m) => m.uid === openUid);
      if (!live || i < 0) return;
      // Next in line first (j, and what "delete" opens), then the one before (k).
      for (const n of [list[i + 1], list[i - 1]]) if (n) prefetchMessage(folder, n);
    });
    return () => {
      live = false;
    };
  }, [folder, openUid, loadedUid]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const rowOf = (target: EventTarget | null): MessageSummary | null => {
      const el = target instanceof Element ? target.closest('[role="listitem"][data-uid]') : null;
      const uid = el ? Number(el.getAttribute("data-uid")) : NaN;
      if (!Number.isInteger(uid) || uid === openRef.current) return null;
      return rowsRef.current.find((m) => m.uid === uid) ?? null;
    };
    const cancel = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    const onOver = (e: PointerEvent) => {
      // A finger has no hover: on touch the tap is the open.
      if (e.pointerType !== "mouse") return;
      const row = rowOf(e.target);
      cancel();
      // Asked again when the delay is over: the click may have opened it meanwhile.
      if (row) timer = setTimeout(() => row.uid !== openRef.current && prefetchMessage(folder, row), HOVER_INTENT_MS);
    };
    // A mouse button going down on a row is a click on its way (~100 ms before it): start that fetch
    // now. Not for touch, where a finger going down is as often the start of a scroll.
    const onDown = (e: PointerEvent) => {
      if (e.pointerType === "touch" || e.button !== 0) return;
      const row = rowOf(e.target);
      if (row) prefetchMessage(folder, row, true);
    };
    const onFocus = (e: FocusEvent) => {
      const row = rowOf(e.target);
      if (row) prefetchMessage(folder, row);
    };
    document.addEventListener("pointerover", onOver);
    document.addEventListener("focusin", onFocus);
    document.addEventListener("pointerdown", onDown);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      cancel();
      document.removeEventListener("pointerover", onOver);
      document.removeEventListener("focusin", onFocus);
    };
  }, [folder]);
}
