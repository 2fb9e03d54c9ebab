"use client";

import { useEffect } from "react";
import { LIVE_CLOSED_EVENT } from "@/hooks/event-stream";
import { formatCount } from "@/components/mail/format";
import { afterPaint } from "@/hooks/after-paint";

/** The tab's title ("Inbox (3) · Mailroom") and, in words, a live stream the server ended for good. */
export function useWindowSignals(folderName: string, unread: number, notify: (text: string, kind?: "error") => void): void {
  // The server ended this view's live stream for good (too many open for this sign-in): say so in words.
  useEffect(() => {
    const onClosed = (e: Event) => notify((e as CustomEvent<{ message?: string }>).detail.message ?? "Live updates stopped in this window. Reload the page to resume them.", "error");
    window.addEventListener(LIVE_CLOSED_EVENT, onClosed);
    return () => window.removeEventListener(LIVE_CLOSED_EVENT, onClosed);
  }, [notify]);

  // Set after the frame: a switch's render flushes its effects before the browser paints (React does so
  // for a click's synchronous render), and setting the title cost ~1 ms there, in front of the rows.
  // The page's metadata <title> is React's too: a later commit of it (after hydration) wrote "Mail ·
  // Mailroom" back over this one, so a change in the head puts this one back.
  useEffect(() => {
    const want = `${folderName}${unread ? ` (${formatCount(unread)})` : ""} · Mailroom`;
    let live = true;
    const apply = () => {
      if (live && document.title !== want) document.title = want;
    };
    void afterPaint().then(apply);
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [folderName, unread]);
}
