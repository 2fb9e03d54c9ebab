"use client";

import { useEffect } from "react";
import { LIVE_CLOSED_EVENT } from "@/hooks/event-stream";
import { formatCount } from "@/components/mail/format";

/** The tab's title ("Inbox (3) · Mailroom") and, in words, a live stream the server ended for good. */
export function useWindowSignals(folderName: string, unread: number, notify: (text: string, kind?: "error") => void): void {
  // The server ended this view's live stream for good (too many open for this sign-in): say so in words.
  useEffect(() => {
    const onClosed = (e: Event) => notify((e as CustomEvent<{ message?: string }>).detail.message ?? "Live updates stopped in this window. Reload the page to resume them.", "error");
    window.addEventListener(LIVE_CLOSED_EVENT, onClosed);
    return () => window.removeEventListener(LIVE_CLOSED_EVENT, onClosed);
  }, [notify]);

  useEffect(() => {
    document.title = `${folderName}${unread ? ` (${formatCount(unread)})` : ""} · Mailroom`;
  }, [folderName, unread]);
}
