"use client";

import { useSyncExternalStore } from "react";
import type { MessageDetail } from "@/lib/shared/types";
import { peekPrefetched, whenFetched } from "@/hooks/message-prefetch";

/*
 * Issue 13: "the click task renders only what must change for the body to show". A click on a row used
 * to set the open message in the mail app's state, so the click's own task rendered the whole app (top
 * bar, folder tree, list column, toolbar) before the frame with the body could be painted. Now, on wide
 * screens (where the reading pane is always on screen), the click writes the message here and only the
 * reading pane, subscribed to this store, renders in the click's task; the app takes the new open message
 * after that frame is painted (use-instant-open.ts). A message not fetched ahead is written here when its
 * answer lands, so that answer too is painted by a render of the pane alone.
 */

export interface InstantView {
  folder: string;
  uid: number;
  /** The message once known (prefetched, or its answer arrived); null while it loads. */
  message: MessageDetail | null;
  /** The app has rendered this open itself: from now on the store only fills in a message it lacks. */
  settled: boolean;
}

// A slow answer does not keep the rest of the app (toolbar, list selection) behind for longer than this.
const SHOWN_WAIT_MS = 1500;
/*
 * How long a click on a message not fetched ahead shows nothing new before the pane's loading state. The
 * click used to render that loading state at once: the pane's render, its frame and its animation ran
 * while the answer (~10 ms from the server) was on its way, and the answer waited behind them. Like a
 * folder switch (hooks/show-when-ready.ts, same 120 ms): a person reads anything within about a tenth of
 * a second as the click's own answer, while a skeleton flashed for a few frames before the body is noise.
 */
export const LOADING_AFTER_MS = 120;

let current: InstantView | null = null;
// The click waiting for its answer before anything is shown (superseded by the next click or a drop).
let waiting: { folder: string; uid: number } | null = null;
let enabled = false;
const listeners = new Set<() => void>();

function set(next: InstantView | null): void {
  current = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The reading pane says whether it can show an open on its own (not while it shows a whole conversation). */
export function setInstantPane(on: boolean): void {
  enabled = on;
}

/** One click's open, shown by the pane ahead of the app. */
export interface InstantOpen {
  /** Resolves when the message is shown (at once when it was prefetched; when its answer lands otherwise), or after SHOWN_WAIT_MS. */
  shown: Promise<void>;
  /** The app renders this open itself from now on (a key pressed before the answer): its own load shows the answer. */
  handOver: () => void;
  /** Another navigation came first: what this open put on screen goes (never what a later click put there). */
  drop: () => void;
}

/**
 * A click opening `uid` in `folder`: shown by the reading pane alone, in this task. Returns null when the
 * pane cannot (no pane mounted, a conversation view, a narrow screen where the list must give way to the
 * pane, a key rather than a click): the caller then renders the open in the app as before. Otherwise
 * `shown` tells the app when to follow (after that frame): nothing renders in front of the answer.
 */
export function showInstant(folder: string, uid: number): InstantOpen | null {
  if (!enabled || typeof window === "undefined" || !window.matchMedia("(min-width: 768px)").matches) return null;
  // A click (mouse, touch, or Enter on a row's button) only: j/k, held down to skim, keep the app's own
  // render, so that the next key steps from the message on screen, not from one the app has not caught up with.
  if (!((window as { event?: Event }).event instanceof MouseEvent)) return null;
  // The views this click put in the store, and whether it still waits for its answer: by identity, so a
  // second click on the same row (a double click) is never undone by the first one's drop.
  const mine = { folder, uid };
  const views = new Set<InstantView>();
  const show = (view: InstantView) => {
    views.add(view);
    set(view);
  };
  const handOver = () => {
    if (waiting === mine) waiting = null;
  };
  const drop = () => {
    handOver();
    if (current && views.has(current)) set(null);
  };
  waiting = mine;
  const kept = peekPrefetched(folder, uid);
  if (kept) {
    show({ folder, uid, message: kept, settled: false });
    return { shown: Promise.resolve(), handOver, drop };
  }
  // Joins the request the click started (never claims it: the answer stays in the prefetch cache for
  // the app's own render, which comes later). Nothing renders until the answer lands (or
  // LOADING_AFTER_MS passes: then the loading state). `shown` resolves once the answer is on its way to
  // the screen (or failed: the app's own load then shows the error), and at the latest after SHOWN_WAIT_MS.
  const fetched = whenFetched(folder, uid);
  if (!fetched) {
    show({ folder, uid, message: null, settled: false });
    return { shown: Promise.resolve(), handOver, drop };
  }
  let loadingView: InstantView | null = null;
  const loading = setTimeout(() => {
    if (waiting !== mine) return;
    loadingView = { folder, uid, message: null, settled: false };
    show(loadingView);
  }, LOADING_AFTER_MS);
  const answered = fetched.then(
    (message) => {
      clearTimeout(loading);
      if (waiting !== mine) return;
      if (loadingView === null) show({ folder, uid, message, settled: false });
      // In place of the loading state, unless something else is shown by now (keeps `settled`).
      else if (current === loadingView) show({ ...loadingView, message });
    },
    () => {
      clearTimeout(loading);
      // The app's own load shows the error: the pane must not keep showing the message before.
      if (waiting === mine && loadingView === null) show({ folder, uid, message: null, settled: false });
    },
  );
  return { shown: Promise.race([answered, new Promise<void>((resolve) => setTimeout(resolve, SHOWN_WAIT_MS))]), handOver, drop };
}

/** Called by the pane once the app shows this open itself (no re-render: nothing on screen changes). */
export function settleInstant(view: InstantView): void {
  // In place: the snapshot stays the same object, so React sees no change to render.
  view.settled = true;
}

/** For the app's own load: true when the pane already shows this very answer, so the app's render can wait for the paint. */
export function shownInstantly(folder: string, uid: number): boolean {
  return current !== null && current.folder === folder && current.uid === uid && current.message !== null;
}

export function useInstantView(): InstantView | null {
  return useSyncExternalStore(subscribe, () => current, () => null);
}
