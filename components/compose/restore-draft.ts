"use client";

import type { SaveDraftResponse } from "@/lib/shared/compose";
import type { ComposeSnapshot } from "@/hooks/use-compose";
import { apiFetch } from "@/hooks/use-api";

/**
 * Undo of "Discard": the discarded text goes back into Drafts (a fresh APPEND) and the composer
 * reopens on it. Attachments removed with the draft are not brought back (their uploads are gone).
 */
export async function restoreDiscardedDraft(snapshot: ComposeSnapshot, reopen: (s: ComposeSnapshot) => void): Promise<string> {
  const { to, cc, bcc, subject, html, original, inReplyTo, references } = snapshot;
  const res = await apiFetch<SaveDraftResponse>("/api/compose/draft", {
    method: "PUT",
    json: { to, cc, bcc, subject, html, attachments: [], original, inReplyTo, references, draftUid: null, draftKey: null },
  });
  reopen({ ...snapshot, attachments: [], draftUid: res.uid, draftKey: null, savedAt: Date.now() });
  return "Draft restored";
}
