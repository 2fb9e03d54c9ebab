"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ComposeMode, OriginalRef, SendResponse } from "@/lib/shared/compose";
import { parseAddress, splitAddressList } from "@/lib/shared/compose";
import { errorMessage } from "@/hooks/use-api";
import { useCompose, type ComposeSnapshot } from "@/hooks/use-compose";
import { useUploads } from "@/hooks/use-uploads";
import { AddressField } from "@/components/compose/address-field";
import { RichEditor } from "@/components/compose/rich-editor";
import { AttachmentTray } from "@/components/compose/attachment-tray";
import { IdentityFrom } from "@/components/compose/identity-from";
import { ComposerPreparing, useComposeStart } from "@/components/compose/composer-start";
import { beforeSend as defaultBeforeSend } from "@/components/compose/before-send";
import { buttonClass, iconButtonClass } from "@/components/ui/button";
import { AlertIcon, CloseIcon, PaperclipIcon, SendIcon, TrashIcon } from "@/components/ui/icons";
import { usePresence } from "@/hooks/use-presence";
import { useReplyGuard } from "@/hooks/use-reply-guard";
import { CollisionDialog } from "@/components/mail/collision-dialog";
import { SendDelayBar, useSendDelay } from "@/components/compose/send-delay";
import { useSettings } from "@/hooks/use-settings";
import { DiscardConfirm, MinimiseButton, MinimisedBar, shellClass, useReplyDock } from "@/components/compose/composer-shell";

/** How the composer was opened. Reply/forward/draft name the original message by folder and uid. */
export type ComposeOpen =
  | { mode: "new" }
  | { mode: Exclude<ComposeMode, "new"> | "draft"; folder: string; uid: number }
  | { mode: "restore"; snapshot: ComposeSnapshot };

export interface ComposeResult {
  sent?: SendResponse;
  /** The composer closed with its text kept in Drafts. */
  savedDraft?: boolean;
  discarded?: boolean;
  /** What was discarded, so Undo can bring it back (issue 12 point 11). */
  snapshot?: ComposeSnapshot;
}

interface ComposerProps {
  email: string;
  request: ComposeOpen;
  onClose: (result: ComposeResult) => void;
  /** Collision-guard seam: see before-send.ts. */
  beforeSend?: (original: OriginalRef | null) => Promise<boolean>;
}

const TITLES: Record<string, string> = {
  new: "New message",
  reply: "Reply",
  replyAll: "Reply all",
  forward: "Forward",
  forwardAttachment: "Forward as attachment",
  draft: "Draft",
  restore: "Unsent message",
};


/** Loads the starting state (reply/forward prefill, a draft, or a restored snapshot), then shows the form. */
export function Composer({ email, request, onClose, beforeSend = defaultBeforeSend }: ComposerProps) {
  const { initial, error } = useComposeStart(request);
  const titleId = useId();
  // Issue 12 point 14: minimise/expand (Escape minimises), and a reply docked under its message on wide screens.
  const [minimised, setMinimised] = useState(false);
  const answering = request.mode === "reply" || request.mode === "replyAll" || request.mode === "forward" || request.mode === "forwardAttachment";
  const dock = useReplyDock(answering ? { folder: request.folder, uid: request.uid } : null);
  // One stable portal host moved between the page and the dock, so moving never remounts the form.
  const [host] = useState(() => {
    if (typeof document === "undefined") return null;
    const el = document.createElement("div");
    // On the page it hangs off <body>, outside the mail app: phones' 44 px targets must reach it too.
    el.className = "touch-targets";
    return el;
  });
  useEffect(() => {
    if (!host) return;
    (dock ?? document.body).appendChild(host);
  }, [host, dock]);
  useEffect(() => () => host?.remove(), [host]);


  const section = (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-docked={dock ? "true" : undefined}
      data-minimised={minimised ? "true" : undefined}
      className={shellClass(!!dock, minimised)}
      onKeyDown={(e) => {
        // Escape minimises; fields that use Escape themselves (suggestions, the link popover) stop it first.
        // (Not defaultPrevented: ProseMirror prevents the default of every Escape in the editor.)
        if (e.key === "Escape" && !minimised) {
          e.preventDefault();
          setMinimised(true);
        }
      }}
    >
      {minimised && <MinimisedBar title={TITLES[request.mode] ?? "New message"} titleId={titleId} onExpand={() => setMinimised(false)} focus />}
      <div className={minimised ? "hidden" : "contents"}>
      {initial ? (
        <ComposerForm email={email} title={TITLES[request.mode] ?? "New message"} titleId={titleId} initial={initial} onClose={onClose} beforeSend={beforeSend} onMinimise={() => setMinimised(true)} />
      ) : (
        <ComposerPreparing title={TITLES[request.mode] ?? "New message"} titleId={titleId} error={error} onClose={() => onClose({})} />
      )}
      </div>
    </section>
  );
  return host ? createPortal(section, host) : section;
}

const SAVE_WORDS = { idle: "", dirty: "Not saved yet", saving: "Saving…", saved: "Saved", error: "Not saved — will retry" } as const;

function ComposerForm({
  email,
  title,
  titleId,
  initial,
  onClose,
  beforeSend,
  onMinimise,
}: {
  email: string;
  title: string;
  titleId: string;
  initial: ComposeSnapshot;
  onClose: (r: ComposeResult) => void;
  beforeSend: (original: OriginalRef | null) => Promise<boolean>;
  onMinimise: () => void;
}) {
  const touchRef = useRef<() => void>(() => {});
  const onUploadChange = useCallback(() => touchRef.current(), []);
  const uploads = useUploads(initial.attachments, onUploadChange);
  const compose = useCompose(email, initial, uploads.items);
  // Settings → Undo send (0 = off).
  const delay = useSendDelay(useSettings().settings.undoSendSeconds * 1000);
  touchRef.current = compose.touch;
  const { fields, update } = compose;
  const [showCc, setShowCc] = useState(initial.cc.length > 0 || initial.bcc.length > 0);
  // Another identity's signature replaces the text: the editor starts again from it.
  const [editorSeed, setEditorSeed] = useState({ key: 0, html: initial.html });
  const [formError, setFormError] = useState<string | null>(null);
  // What was wrong with the recipients, said about the recipients as they were: once they change it no
  // longer shows (a chip added after "Add at least one recipient." makes it untrue).
  const [recipientError, setRecipientError] = useState<{ text: string; about: string } | null>(null);
  const recipientsNow = JSON.stringify([fields.to, fields.cc, fields.bcc]);
  const rootRef = useRef<HTMLDivElement>(null);
  const [closing, setClosing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const pending = useRef<Record<string, string>>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const original = initial.original;
  // Collision guard (issue 4): while a reply is open, colleagues see "<name> is replying"; before it is
  // sent, a reply someone else sent (or is writing) since this composer opened asks "Send anyway?".
  const replying = original && (original.mode === "reply" || original.mode === "replyAll") ? original : null;
  const [openedAt] = useState(() => new Date());
  usePresence({ folder: replying?.folder ?? "", uid: replying?.uid ?? null, activity: "replying", enabled: replying !== null });
  const guard = useReplyGuard(replying ? { folder: replying.folder, uid: replying.uid, openedAt } : null);

  const saveWords = SAVE_WORDS[compose.saveState];

  const send = async () => {
    setFormError(null);
    setRecipientError(null);
    // Take what is still typed in an address field as an entry.
    const next = { to: fields.to, cc: fields.cc, bcc: fields.bcc };
    for (const [label, key] of [["To", "to"], ["Cc", "cc"], ["Bcc", "bcc"]] as const) {
      const typed = pending.current[label]?.trim();
      if (typed) next[key] = [...next[key], ...splitAddressList(typed)];
    }
    if (next.to !== fields.to || next.cc !== fields.cc || next.bcc !== fields.bcc) update(next);
    const all = [...next.to, ...next.cc, ...next.bcc];
    const bad = all.filter((v) => !parseAddress(v));
    const about = JSON.stringify([next.to, next.cc, next.bcc]);
    if (bad.length) {
      // Refused in words that name the entry; the chip stays, marked, for the person to fix (issue 12 point 13).
      setRecipientError({ about, text: bad.length === 1 ? `Not sent: this address is not valid: “${bad[0]}”. Correct it or remove it.` : `Not sent: ${bad.length} addresses are not valid. Correct or remove the ones marked in red.` });
      if (next.cc.some((v) => !parseAddress(v)) || next.bcc.some((v) => !parseAddress(v))) setShowCc(true);
      return;
    }
    if (all.length === 0) {
      setRecipientError({ about, text: "Add at least one recipient." });
      // Where the recipient goes: the To field, focused.
      const to = [...(rootRef.current?.querySelectorAll("input") ?? [])].find((i) => i.labels?.[0]?.textContent?.trim() === "To");
      to?.focus();
      return;
    }
    // Undo send (issue 12 point 11): saved to Drafts first, then the delay; Undo keeps the composer open.
    const res = await compose.send(async () => (await guard.confirmSend()) && (await beforeSend(original)) && (await compose.save().then(() => true, () => true)) && (await delay.wait()));
    if (res) onClose({ sent: res });
  };

  const close = async () => {
    setClosing(true);
    try {
      await compose.close();
      onClose({ savedDraft: compose.saveState !== "idle" });
    } catch (err) {
      setFormError(`The draft could not be saved: ${errorMessage(err)}`);
      setClosing(false);
    }
  };

  const discard = async () => {
    setClosing(true);
    for (const a of uploads.items) uploads.remove(a.key);
    const snapshot = compose.snapshot();
    await compose.discard();
    onClose({ discarded: true, snapshot });
  };

  const error = (recipientError && recipientError.about === recipientsNow ? recipientError.text : null) ?? formError ?? (compose.sendError ? compose.sendError.message : null);
  const delayBar = <SendDelayBar left={delay.left} onUndo={delay.undo} />;

  return (
    <div
      ref={rootRef}
      className="relative flex min-h-0 flex-1 flex-col"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setDragging(false);
        uploads.add(e.dataTransfer.files);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void send();
        }
      }}
    >
      <CollisionDialog {...guard.dialogProps} />
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200/80 px-4 dark:border-zinc-800">
        <h2 id={titleId} className="min-w-0 flex-1 truncate text-sm font-semibold">
          {fields.subject.trim() || title}
        </h2>
        <span role="status" aria-live="polite" className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="save-state">
          {saveWords}
        </span>
        <MinimiseButton onClick={onMinimise} />
        <button type="button" aria-label="Close and keep as draft" title="Close (kept in Drafts)" className={iconButtonClass} disabled={closing} onClick={() => void close()}>
          <CloseIcon className="size-4" />
        </button>
      </header>

      <IdentityFrom
        email={email}
        identityId={fields.identityId}
        html={fields.html}
        onPick={(identityId, html) => {
          update(html === null ? { identityId } : { identityId, html });
          if (html !== null) setEditorSeed((s) => ({ key: s.key + 1, html }));
        }}
      />
      <AddressField
        label="To"
        values={fields.to}
        onChange={(to) => update({ to })}
        autoFocus={fields.to.length === 0}
        pending={pending}
        trailing={
          !showCc && (
            <button type="button" onClick={() => setShowCc(true)} className="mt-0.5 shrink-0 rounded-md px-2 py-1 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800">
              Cc/Bcc
            </button>
          )
        }
      />
      {showCc && (
        <>
          <AddressField label="Cc" values={fields.cc} onChange={(cc) => update({ cc })} pending={pending} />
          <AddressField label="Bcc" values={fields.bcc} onChange={(bcc) => update({ bcc })} pending={pending} />
        </>
      )}
      <div className="flex items-center gap-2 border-b border-zinc-200/80 px-4 dark:border-zinc-800">
        <label htmlFor={`${titleId}-subject`} className="w-14 shrink-0 text-sm text-zinc-500 dark:text-zinc-400">
          Subject
        </label>
        <input
          id={`${titleId}-subject`}
          type="text"
          value={fields.subject}
          maxLength={900}
          autoFocus={fields.to.length > 0 && !fields.subject}
          onChange={(e) => update({ subject: e.target.value.replace(/[\r\n]+/g, " ") })}
          className="h-10 min-w-0 flex-1 bg-transparent pl-2 text-sm font-medium outline-none"
        />
      </div>

      <RichEditor key={editorSeed.key} label="Message" initialHtml={editorSeed.html} onChange={(html) => update({ html })} autoFocus={initial.to.length > 0 && initial.subject !== ""} />

      <AttachmentTray items={uploads.items} onRemove={uploads.remove} />

      {error && (
        <div role="alert" className="mx-4 mb-2 flex items-start gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </div>
      )}

      {delayBar}
      {confirmDiscard && <DiscardConfirm onConfirm={() => void discard()} onCancel={() => setConfirmDiscard(false)} busy={closing} inDrafts={compose.inDrafts} />}

      <footer className="flex shrink-0 items-center gap-2 border-t border-zinc-200/80 px-4 py-2.5 dark:border-zinc-800">
        <button type="button" onClick={() => void send()} disabled={compose.sending || uploads.busy || closing} className={buttonClass("primary", "md")}>
          <SendIcon className="size-4" />
          {compose.sending ? "Sending…" : "Send"}
        </button>
        <input ref={fileRef} type="file" multiple className="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => {
          if (e.target.files?.length) uploads.add(e.target.files);
          e.target.value = "";
        }} data-testid="attach-input" />
        <button type="button" onClick={() => fileRef.current?.click()} className={buttonClass("ghost", "md")}>
          <PaperclipIcon className="size-4" />
          Attach
        </button>
        <span className="hidden text-xs text-zinc-500 sm:inline dark:text-zinc-400">or drop files here</span>
        {!confirmDiscard && (
          <button type="button" onClick={() => setConfirmDiscard(true)} disabled={closing} className={buttonClass("ghost", "md", "ml-auto text-red-700 dark:text-red-300")}>
            <TrashIcon className="size-4" />
            Discard
          </button>
        )}
      </footer>

      {dragging && (
        <div className="pointer-events-none absolute inset-2 flex items-center justify-center rounded-xl border-2 border-dashed border-accent-500 bg-accent-50/80 text-sm font-medium text-accent-800 dark:bg-accent-950/70 dark:text-accent-200">
          Drop files to attach them
        </div>
      )}
    </div>
  );
}
