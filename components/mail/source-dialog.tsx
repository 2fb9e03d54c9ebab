"use client";

import { useEffect, useState } from "react";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";
import { sourceUrl } from "@/components/mail/use-mail-actions";

/** "View source": the raw message as text, and the same bytes as a .eml download. */
export function SourceDialog({ source, onClose }: { source: { folder: string; uid: number } | null; onClose: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setText(null);
    setError(null);
    if (!source) return;
    const ctrl = new AbortController();
    fetch(sourceUrl(source.folder, source.uid), { signal: ctrl.signal, credentials: "same-origin" })
      .then(async (res) => {
        if (res.ok) return setText(await res.text());
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? "The message source could not be loaded.");
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(err instanceof Error && err.name !== "TypeError" ? err.message : "Can't reach Mailroom. Check your connection.");
      });
    return () => ctrl.abort();
  }, [source]);

  return (
    <Dialog open={source !== null} onClose={onClose} title="Message source" size="lg">
      <DialogError message={error} />
      {text === null && !error && (
        <p role="status" className="mt-4 text-sm text-zinc-500 dark:text-zinc-400">
          Loading the source…
        </p>
      )}
      {text !== null && (
        <pre
          tabIndex={0}
          aria-label="Raw message"
          className="mt-4 max-h-[60vh] overflow-auto whitespace-pre-wrap break-all rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-5 text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"
        >
          {text}
        </pre>
      )}
      <DialogActions>
        {source && (
          <a href={sourceUrl(source.folder, source.uid, true)} download className={buttonClass("secondary")}>
            Download .eml
          </a>
        )}
        <button type="button" autoFocus className={buttonClass("primary")} onClick={onClose}>
          Close
        </button>
      </DialogActions>
    </Dialog>
  );
}
