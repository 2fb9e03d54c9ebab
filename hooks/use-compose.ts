"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, ApiError, errorMessage } from "@/hooks/use-api";
import type { ComposeInput, ComposePrefill, OriginalRef, SaveDraftResponse, SendResponse } from "@/lib/shared/compose";
import type { UploadItem } from "@/hooks/use-uploads";

export interface ComposeFields {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  /** Settings → Identities: the From name and signature picked for this message (absent: the default). */
  identityId?: string | null;
}

/** Everything needed to restore a composer after a crash or a closed tab (kept in localStorage). */
export interface ComposeSnapshot extends ComposeFields {
  attachments: UploadItem[];
  original: OriginalRef | null;
  inReplyTo: string | null;
  references: string[];
  draftUid: number | null;
  draftKey: string | null;
  savedAt: number;
}

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "error";

const AUTOSAVE_MS = 2000;
const SNAPSHOT_MS = 300;

function newDraftKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const SNAPSHOT_PREFIX = "mailroom.compose.";
// Set at sign-out: no composer of this page writes a snapshot again (pagehide would otherwise re-save one).
let signingOut = false;

export function snapshotKey(email: string): string {
  return `${SNAPSHOT_PREFIX}${email.toLowerCase()}`;
}

/** Sign-out: the next person at this browser must not find the drafts, so every composer snapshot goes. */
export function forgetComposerDrafts(): void {
  signingOut = true;
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i));
    for (const k of keys) if (k?.startsWith(SNAPSHOT_PREFIX)) window.localStorage.removeItem(k);
  } catch {
    /* private mode: nothing was stored */
  }
}

export function readSnapshot(email: string): ComposeSnapshot | null {
  try {
    const raw = window.localStorage.getItem(snapshotKey(email));
    return raw ? (JSON.parse(raw) as ComposeSnapshot) : null;
  } catch {
    return null;
  }
}

export function clearSnapshot(email: string): void {
  try {
    window.localStorage.removeItem(snapshotKey(email));
  } catch {
    /* private mode: nothing was stored */
  }
}

export function snapshotFromPrefill(p: ComposePrefill, attachments: UploadItem[]): ComposeSnapshot {
  return { to: p.to, cc: p.cc, bcc: p.bcc, subject: p.subject, html: p.html, attachments, original: p.original, inReplyTo: p.inReplyTo, references: p.references, draftUid: p.draftUid, draftKey: p.draftKey, savedAt: Date.now() };
}

/**
 * The composer's draft life cycle: autosave ~2 s after typing stops (one save in flight at a time, each
 * replacing the previous draft), a localStorage copy on every change, a keepalive save when the tab is
 * hidden or closed, and send. `beforeSend` is the hook point for the collision guard (see composer.tsx).
 */
export function useCompose(email: string, initial: ComposeSnapshot, attachments: UploadItem[]) {
  const [fields, setFields] = useState<ComposeFields>({ to: initial.to, cc: initial.cc, bcc: initial.bcc, subject: initial.subject, html: initial.html, identityId: initial.identityId ?? null });
  const [saveState, setSaveState] = useState<SaveState>(initial.draftUid ? "saved" : "idle");
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);

  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const attRef = useRef(attachments);
  attRef.current = attachments;
  const draftUid = useRef<number | null>(initial.draftUid);
  // Stable for the life of this message (kept in the snapshot), so every save supersedes the last.
  const draftKey = useRef<string>(initial.draftKey ?? newDraftKey());
  const flushedVersion = useRef(-2);
  const context = useRef({ original: initial.original, inReplyTo: initial.inReplyTo, references: initial.references });
  const version = useRef(0);
  const savedVersion = useRef(initial.draftUid ? 0 : -1);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const snapTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const closed = useRef(false);

  const body = useCallback((): ComposeInput & { draftUid: number | null; draftKey: string } => {
    const f = fieldsRef.current;
    return {
      ...f,
      attachments: attRef.current.filter((a) => a.id).map((a) => a.id!),
      ...context.current,
      draftUid: draftUid.current,
      draftKey: draftKey.current,
    };
  }, []);

  const writeSnapshot = useCallback(() => {
    if (closed.current || signingOut) return;
    const snap: ComposeSnapshot = { ...fieldsRef.current, attachments: attRef.current.filter((a) => a.id), ...context.current, draftUid: draftUid.current, draftKey: draftKey.current, savedAt: Date.now() };
    try {
      window.localStorage.setItem(snapshotKey(email), JSON.stringify(snap));
    } catch {
      /* quota or private mode: the server draft still protects the text */
    }
  }, [email]);

  const save = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      await inFlight.current;
      if (savedVersion.current === version.current) return;
    }
    const v = version.current;
    const run = (async () => {
      setSaveState("saving");
      try {
        const res = await apiFetch<SaveDraftResponse>("/api/compose/draft", { method: "PUT", json: body() });
        draftUid.current = res.uid;
        savedVersion.current = v;
        writeSnapshot();
        setSaveState(version.current === v ? "saved" : "dirty");
      } catch (err) {
        setSaveState("error");
        throw err;
      }
    })();
    inFlight.current = run.finally(() => {
      inFlight.current = null;
    }).catch(() => {});
    return run;
  }, [body, writeSnapshot]);

  /** Call after every change. */
  const touch = useCallback(() => {
    version.current++;
    setSaveState("dirty");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save().catch(() => {}), AUTOSAVE_MS);
    if (!snapTimer.current) {
      snapTimer.current = setTimeout(() => {
        snapTimer.current = null;
        writeSnapshot();
      }, SNAPSHOT_MS);
    }
  }, [save, writeSnapshot]);

  const update = useCallback(
    (patch: Partial<ComposeFields>) => {
      // The ref first, synchronously: Send may read it before React renders.
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      touch();
    },
    [touch],
  );

  // Tab hidden or closing: the snapshot now, and a save that outlives the page if anything is unsaved.
  useEffect(() => {
    const flush = () => {
      // pagehide and visibilitychange often both fire: one keepalive save per version.
      if (closed.current || version.current === 0 || savedVersion.current === version.current || flushedVersion.current === version.current) return;
      flushedVersion.current = version.current;
      writeSnapshot();
      const payload = JSON.stringify(body());
      // keepalive requests are capped at 64 KB; a larger draft relies on the snapshot and the last autosave.
      if (payload.length < 60_000) {
        void fetch("/api/compose/draft", { method: "POST", keepalive: true, credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: payload }).catch(() => {});
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      // Unmounted with unsaved typing (another composer replaced this one): save it on the way out.
      flush();
    };
  }, [body, writeSnapshot]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (snapTimer.current) clearTimeout(snapTimer.current);
    },
    [],
  );

  const stopTimers = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  /** Sends; on failure the draft is saved at once and the composer stays open with the error. */
  const send = useCallback(
    async (beforeSend: () => Promise<boolean>): Promise<SendResponse | null> => {
      stopTimers();
      setSendError(null);
      setSending(true);
      try {
        if (inFlight.current) await inFlight.current;
        if (!(await beforeSend())) {
          // Cancelled (collision guard): keep what is there as the draft.
          if (savedVersion.current !== version.current) void save().catch(() => {});
          return null;
        }
        const res = await apiFetch<SendResponse>("/api/compose/send", { method: "POST", json: body() });
        closed.current = true;
        clearSnapshot(email);
        return res;
      } catch (err) {
        setSendError(err instanceof ApiError ? err : new ApiError("INTERNAL", errorMessage(err), 0));
        version.current++;
        await save().catch(() => {});
        return null;
      } finally {
        setSending(false);
      }
    },
    [body, email, save],
  );

  /** Close: keep what was typed as a draft (saved now) unless nothing was ever typed. */
  const close = useCallback(async (): Promise<void> => {
    stopTimers();
    if (savedVersion.current !== version.current && version.current > 0) await save();
    closed.current = true;
    clearSnapshot(email);
  }, [email, save]);

  const discard = useCallback(async (): Promise<void> => {
    stopTimers();
    closed.current = true;
    if (inFlight.current) await inFlight.current;
    clearSnapshot(email);
    const q = new URLSearchParams({ key: draftKey.current });
    if (draftUid.current) q.set("uid", String(draftUid.current));
    await apiFetch(`/api/compose/draft?${q}`, { method: "DELETE" }).catch(() => {});
  }, [email]);

  /** What is in the composer now, to bring back after a discard (Undo). */
  const snapshot = useCallback((): ComposeSnapshot => ({ ...fieldsRef.current, attachments: attRef.current.filter((a) => a.id), ...context.current, draftUid: null, draftKey: null, savedAt: Date.now() }), []);

  // Whether Drafts holds a copy now (a draft reopened, or saved once): what Discard deletes.
  const inDrafts = draftUid.current !== null;
  return { fields, update, touch, saveState, inDrafts, sending, sendError, setSendError, send, close, discard, save, snapshot };
}
