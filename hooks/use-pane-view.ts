"use client";

import { useEffect, useLayoutEffect, useState } from "react";
import type { MessageState } from "@/hooks/use-message";
import { setInstantPane, settleInstant, useInstantView, type InstantView } from "@/hooks/instant-open-view";
import { afterPaint } from "@/hooks/after-paint";

export interface PaneView {
  /** Set while the pane shows a click the app has not rendered yet (hooks/instant-open-view.ts). */
  ahead: InstantView | null;
  openUid: number | null;
  message: MessageState["message"];
  loading: boolean;
  error: MessageState["error"];
}

/**
 * What the reading pane shows: the app's open message (props), or a click's message ahead of it. On a
 * wide screen a click renders this pane alone; the app's props catch up after that frame is painted.
 * Once they have, the store only fills in an answer the app has not rendered yet.
 */
export function usePaneView(folder: string, appUid: number | null, state: MessageState, instant: boolean | undefined): PaneView {
  const view = useInstantView();
  const mine = view !== null && view.folder === folder;
  const ahead = mine && !view.settled && view.uid !== appUid ? view : null;
  useLayoutEffect(() => {
    setInstantPane(!!instant);
    return () => setInstantPane(false);
  }, [instant]);
  useLayoutEffect(() => {
    if (view && view.folder === folder && view.uid === appUid) settleInstant(view);
  }, [view, folder, appUid]);
  if (ahead) return { ahead, openUid: ahead.uid, message: ahead.message, loading: !ahead.message, error: null };
  if (mine && view.uid === appUid && view.message && !state.message && !state.error) return { ahead, openUid: appUid, message: view.message, loading: false, error: null };
  return { ahead, openUid: appUid, message: state.message, loading: state.loading, error: state.error };
}

/**
 * The message this person is announced on ("Dana is also viewing"): `next` (undefined = keep the one
 * before, while a message loads), taken after the frame that shows it is painted. A click used to send
 * the previous message's "left" at once, beside the open's own GET (issue 13: nothing in front of it).
 */
export function usePresenceTarget(next: number | null | undefined): number | null {
  const [uid, setUid] = useState<number | null>(null);
  useEffect(() => {
    if (next === undefined) return;
    let live = true;
    void afterPaint().then(() => live && setUid(next));
    return () => {
      live = false;
    };
  }, [next]);
  return uid;
}
