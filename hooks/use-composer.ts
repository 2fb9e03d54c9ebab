"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ComposeOpen, ComposeResult } from "@/components/compose/composer";
import { clearSnapshot, readSnapshot, type ComposeSnapshot } from "@/hooks/use-compose";

interface Options {
  email: string;
  folder: string;
  openUid: number | null;
  /** The open folder is the Drafts folder: opening a message there edits it. */
  draftsOpen: boolean;
  notify: (message: string, tone?: "info" | "error") => void;
  /** After a send or a saved draft: lists and counts changed. */
  onDone: () => void;
  /** A draft was discarded: offer Undo (returns true when it told the person itself). */
  onDiscarded?: (snapshot: ComposeSnapshot) => boolean;
}

/** Which composer is open, restoring an unsent one from localStorage after a reload or a crash. */
export function useComposer({ email, folder, openUid, draftsOpen, notify, onDone, onDiscarded }: Options) {
  const [request, setRequest] = useState<ComposeOpen | null>(null);
  const [key, setKey] = useState(0);
  const restored = useRef(false);

  const open = useCallback((r: ComposeOpen) => {
    setRequest(r);
    setKey((k) => k + 1);
  }, []);

  // A composer that was open when the tab closed comes back as it was.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const snap = readSnapshot(email);
    if (!snap) return;
    if (Date.now() - snap.savedAt > 7 * 24 * 3600_000) clearSnapshot(email);
    else open({ mode: "restore", snapshot: snap });
  }, [email, open]);

  const lastDraft = useRef<string | null>(null);
  useEffect(() => {
    if (!draftsOpen || openUid === null) return;
    const k = `${folder}:${openUid}`;
    if (lastDraft.current === k) return;
    lastDraft.current = k;
    open({ mode: "draft", folder, uid: openUid });
  }, [draftsOpen, folder, openUid, open]);

  const onClose = useCallback(
    (r: ComposeResult) => {
      setRequest(null);
      // The same draft can be opened again (its uid may also have changed by saving).
      lastDraft.current = null;
      if (r.sent) {
        const refused = r.sent.rejected.length ? ` The server refused ${r.sent.rejected.join(", ")}.` : "";
        notify(r.sent.warning ? `${r.sent.warning}${refused}` : `Message sent.${refused}`, r.sent.warning || refused ? "error" : "info");
      } else if (r.savedDraft) notify("Saved in Drafts");
      else if (r.discarded && !(r.snapshot && onDiscarded?.(r.snapshot))) notify("Draft discarded");
      onDone();
    },
    [notify, onDone, onDiscarded],
  );

  return { request, key, open, onClose };
}
