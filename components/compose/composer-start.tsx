"use client";

import { useEffect, useState } from "react";
import type { ComposePrefill } from "@/lib/shared/compose";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { snapshotFromPrefill, type ComposeSnapshot } from "@/hooks/use-compose";
import { fromInfo } from "@/hooks/use-uploads";
import { withStartingSignature } from "@/components/compose/identity-from";
import { iconButtonClass } from "@/components/ui/button";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";
import type { ComposeOpen } from "@/components/compose/composer";

const EMPTY: ComposeSnapshot = { to: [], cc: [], bcc: [], subject: "", html: "<p></p>", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: null, savedAt: 0 };

/**
 * What the composer starts from: an empty message (with the signature), a snapshot to restore, or the
 * server's prefill of a reply, forward or draft (a POST: it copies the original's attachments into uploads).
 */
export function useComposeStart(request: ComposeOpen): { initial: ComposeSnapshot | null; error: string | null } {
  const [initial, setInitial] = useState<ComposeSnapshot | null>(request.mode === "new" ? withStartingSignature(EMPTY) : request.mode === "restore" ? request.snapshot : null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (request.mode === "new" || request.mode === "restore") return;
    const ctl = new AbortController();
    apiFetch<ComposePrefill>("/api/compose/prefill", { method: "POST", json: { folder: request.folder, uid: request.uid, mode: request.mode }, signal: ctl.signal })
      .then((p) => setInitial(withStartingSignature(snapshotFromPrefill(p, p.attachments.map(fromInfo)))))
      .catch((err) => {
        if (!ctl.signal.aborted) setError(errorMessage(err));
      });
    return () => ctl.abort();
  }, [request]);
  return { initial, error };
}

/** The composer while its prefill loads, or why it could not. */
export function ComposerPreparing({ title, titleId, error, onClose }: { title: string; titleId: string; error: string | null; onClose: () => void }) {
  return (
    <>
      <header className="flex h-12 shrink-0 items-center justify-between border-b border-zinc-200/80 px-4 dark:border-zinc-800">
        <h2 id={titleId} className="text-sm font-semibold">
          {title}
        </h2>
        <button type="button" aria-label="Close" className={iconButtonClass} onClick={onClose}>
          <CloseIcon className="size-4" />
        </button>
      </header>
      <div className="flex flex-1 items-center justify-center p-8 text-sm text-zinc-600 dark:text-zinc-400">
        {error ? (
          <p role="alert" className="flex items-center gap-2 text-red-700 dark:text-red-300">
            <AlertIcon className="size-4" /> {error}
          </p>
        ) : (
          <p role="status">Preparing the message…</p>
        )}
      </div>
    </>
  );
}
