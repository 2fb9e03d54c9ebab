"use client";

import { useDeferredValue, useEffect, useRef, useState, type ReactNode } from "react";
import type { Address, MessageDetail } from "@/lib/shared/types";
import type { MessageState } from "@/hooks/use-message";
import { AttachmentList } from "@/components/mail/attachment-list";
import { MessageBlocks } from "@/components/mail/message-blocks";
import { ReplyDock } from "@/components/compose/composer-shell";
import { PresenceChips } from "@/components/mail/presence-chips";
import { ActivityTrail } from "@/components/mail/activity-trail";
import { MessageAssignment, MessageNotesSection } from "@/components/mail/message-team";
import { usePresence } from "@/hooks/use-presence";
import { MessageNotes, SenderLine } from "@/components/mail/sender-line";
import { HtmlBodyFrame } from "@/components/mail/html-body-frame";
import { RawBody, TextBody } from "@/components/mail/text-body";
import { InviteCards } from "@/components/mail/invite-card";
import { formatFullDate, formatSize, senderName, subjectText } from "@/components/mail/format";
import { buttonClass } from "@/components/ui/button";
import { ReplyActions, type ReplyMode } from "@/components/compose/reply-actions";
import { AlertIcon, ChevronLeftIcon, FlagIcon, ImageIcon, MailIcon, MailOpenIcon } from "@/components/ui/icons";
import { useDatePrefs } from "@/components/mail/use-date-prefs";
import { usePaneView, usePresenceTarget } from "@/hooks/use-pane-view";

interface ReadingPaneProps {
  openUid: number | null;
  state: MessageState;
  folder: string;
  onBack: () => void;
  onToggleFlag: (message: MessageDetail) => void;
  /** Set when the folder's ACL forbids flagging: the flag button explains instead of acting. */
  flagDeniedHint?: string;
  /** The message's own toolbar, on every width (issue 12 point 8). */
  toolbar: ReactNode;
  /** Reply / reply all / forward the open message (compose). */
  onCompose?: (mode: ReplyMode, message: MessageDetail) => void;
  /** The rest of the open conversation: older messages above the open one, newer ones below. */
  thread?: { before: ReactNode; after: ReactNode };
  /** The pane may show a click's message on its own, before the app renders it (not for conversations). */
  instant?: boolean;
  /** The list beside it has no message: nothing to invite a click on. */
  listEmpty?: boolean;
}

function AddressList({ addresses }: { addresses: Address[] }) {
  return (
    <>
      {addresses.map((a, i) => (
        <span key={`${a.address}-${i}`}>
          {i > 0 && ", "}
          {a.name ? (
            <span title={a.address}>
              {a.name} <span className="text-zinc-500 dark:text-zinc-400">&lt;{a.address}&gt;</span>
            </span>
          ) : (
            a.address
          )}
        </span>
      ))}
    </>
  );
}

function initials(m: MessageDetail): string {
  const name = senderName(m.from).replace(/[^\p{L}\p{N} ]/gu, "").trim();
  const parts = name.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

function MessageBody({ message }: { message: MessageDetail & { bodyDoc?: string } }) {
  const [images, setImages] = useState(false);

  if (message.bodyKind === "html" && message.bodyUrl) {
    const src = images ? `${message.bodyUrl}&images=1` : message.bodyUrl;
    return (
      <div className="flex flex-col">
        {message.hasRemoteContent && !images && (
          <div className="mx-4 mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl bg-zinc-100 px-4 py-2.5 text-sm text-zinc-700 md:mx-8 dark:bg-zinc-900 dark:text-zinc-300">
            <ImageIcon className="size-4 shrink-0 text-zinc-500 dark:text-zinc-400" />
            <span className="flex-1">Remote images are hidden to protect your privacy</span>
            <button type="button" onClick={() => setImages(true)} className={buttonClass("secondary", "sm")}>
              Show images
            </button>
          </div>
        )}
        {/* The same padding as the header and text bodies: the body is a card exactly the column's width. */}
        <div className="px-4 pb-8 md:px-8">
          <HtmlBodyFrame src={src} doc={images ? undefined : message.bodyDoc} title={`Message: ${subjectText(message.subject)}`} />
        </div>
      </div>
    );
  }

  if (message.bodyKind === "raw") return <RawBody text={message.text ?? ""} />;

  return <TextBody text={message.text ?? ""} />;
}

function Centered({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-3 px-8 text-center">{children}</div>;
}

export function ReadingPane({ openUid: appUid, state, folder, onBack, onToggleFlag, flagDeniedHint, toolbar: appToolbar, onCompose, thread: appThread, instant, listEmpty }: ReadingPaneProps) {
  useDatePrefs();
  // A click on a wide screen is shown here first, in a render of this pane alone (hooks/use-pane-view.ts).
  const { ahead, openUid, message, loading, error } = usePaneView(folder, appUid, state, instant);
  // Until the app catches up, the toolbar and the thread in the props belong to the message before: the
  // toolbar stays in place but inert (not torn down and rebuilt around the click's frame), the thread waits.
  const toolbar = appToolbar && (
    <div className="contents" inert={ahead !== null}>
      {appToolbar}
    </div>
  );
  const thread = ahead ? undefined : appThread;
  const headingRef = useRef<HTMLHeadingElement>(null);

  // On a phone the row that opened the message is now hidden, so focus would fall to <body>: move it to
  // the subject instead. On wide screens focus stays in the list for j/k.
  useEffect(() => {
    const active = document.activeElement as HTMLElement | null;
    const lost = !active || active === document.body || active.offsetParent === null;
    if (message && lost) headingRef.current?.focus({ preventScroll: true });
  }, [message]);

  // The message's header and body paint first, in the render that opened it (issue 13); the parts that
  // fetch things of their own (activity, assignment, notes, presence) follow in a background render.
  // While the pane is ahead of the app it holds the app's value: no deferred re-render of the whole pane
  // right behind the frame that shows the body; the extras come with the app's catch-up (a transition).
  const settledUid = useDeferredValue(ahead ? (state.message?.uid ?? null) : (message?.uid ?? null));
  const extras = !ahead && message !== null && settledUid === message.uid;

  // "Dana is also viewing": announce this person on the open message, and see who else is on it.
  const presenceUid = usePresenceTarget(ahead !== null || loading ? undefined : message && !error ? (settledUid === message.uid ? message.uid : undefined) : null);
  const others = usePresence({ folder, uid: presenceUid, activity: "viewing" });

  if (openUid === null) {
    // An empty folder (or a search that found nothing) says so in the list; "Select a message" here pointed at nothing.
    if (listEmpty) return <Centered>{null}</Centered>;
    return (
      <Centered>
        <span className="flex size-14 items-center justify-center rounded-full bg-zinc-100 text-zinc-400 dark:bg-zinc-900 dark:text-zinc-500">
          <MailOpenIcon className="size-6" />
        </span>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Select a message to read it</p>
      </Centered>
    );
  }

  const phoneBar = (
    <div className="flex items-center justify-between gap-2 border-b border-zinc-200/80 px-2 py-1.5 dark:border-zinc-800">
      <button type="button" onClick={onBack} className={buttonClass("ghost", "sm", "pl-1.5 md:hidden")}>
        <ChevronLeftIcon className="size-4" />
        {/* Phones: an arrow only, so the toolbar's 44 px buttons fit beside it on one row. */}
        <span className="max-sm:sr-only">Back to messages</span>
      </button>
      {message && toolbar}
    </div>
  );

  let content: ReactNode;
  if (error) {
    content =
      error.code === "MESSAGE_GONE" || error.code === "NOT_FOUND" ? (
        <Centered>
          <span className="flex size-14 items-center justify-center rounded-full bg-zinc-100 text-zinc-400 dark:bg-zinc-900 dark:text-zinc-500">
            <MailIcon className="size-6" />
          </span>
          <p className="max-w-xs text-sm text-zinc-600 dark:text-zinc-400">
            {error.code === "MESSAGE_GONE" ? "This message was moved or deleted by someone else" : error.message}
          </p>
        </Centered>
      ) : (
        <Centered>
          <AlertIcon className="size-8 text-red-500 dark:text-red-400" />
          <p className="max-w-sm text-sm text-zinc-700 dark:text-zinc-300">{error.message}</p>
          <button type="button" onClick={state.reload} className={buttonClass("secondary", "sm")}>
            Try again
          </button>
        </Centered>
      );
  } else if (loading || !message) {
    content = (
      <div className="px-4 pt-6 md:px-8" aria-busy="true">
        <p className="sr-only" role="status">
          Loading message…
        </p>
        <div aria-hidden="true" className="space-y-4">
          <div className="h-6 w-2/3 animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
          <div className="flex items-center gap-3">
            <div className="size-10 animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800" />
            <div className="flex-1 space-y-2">
              <div className="h-3 w-1/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
              <div className="h-3 w-1/4 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60" />
            </div>
          </div>
          <div className="space-y-2.5 pt-6">
            {[92, 85, 97, 60, 88, 74].map((w, i) => (
              <div key={i} className="h-3 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60" style={{ width: `${w}%` }} />
            ))}
          </div>
        </div>
      </div>
    );
  } else {
    content = (
      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto [scrollbar-gutter:stable]">
        {thread?.before}
        <header className="px-4 pb-5 pt-5 md:px-8 md:pt-7">
          <div className="flex items-start gap-3">
            <h2 ref={headingRef} tabIndex={-1} dir="auto" className="min-w-0 flex-1 outline-none text-xl font-semibold leading-snug tracking-tight text-zinc-950 [overflow-wrap:anywhere] dark:text-white">
              {subjectText(message.subject)}
            </h2>
            <button
              type="button"
              aria-pressed={message.flagged}
              aria-label="Flagged"
              title={flagDeniedHint ?? (message.flagged ? "Remove flag" : "Flag this message")}
              aria-disabled={flagDeniedHint ? true : undefined}
              aria-description={flagDeniedHint}
              onClick={() => !flagDeniedHint && onToggleFlag(message)}
              className={`inline-flex size-9 shrink-0 items-center justify-center rounded-lg transition-colors aria-disabled:cursor-not-allowed aria-disabled:opacity-40 ${
                message.flagged
                  ? "text-amber-500 hover:bg-amber-50 dark:text-amber-400 dark:hover:bg-amber-950/40"
                  : "text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
              }`}
            >
              <FlagIcon filled={message.flagged} className="size-[18px]" />
            </button>
          </div>

          <div className="mt-4 flex items-start gap-3">
            <span
              aria-hidden="true"
              className="flex size-10 shrink-0 items-center justify-center rounded-full bg-accent-100 text-sm font-semibold text-accent-800 dark:bg-accent-500/20 dark:text-accent-200"
            >
              {initials(message)}
            </span>
            <dl className="min-w-0 flex-1 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5">
                <dt className="sr-only">From</dt>
                <dd className="min-w-0 [overflow-wrap:anywhere]">
                  <SenderLine message={message} />
                </dd>
                <dt className="sr-only">Date</dt>
                <dd className="text-xs text-zinc-500 dark:text-zinc-400">
                  <time dateTime={message.date}>{formatFullDate(message.date)}</time>
                  <span data-message-size=""> · {formatSize(message.size)}</span>
                </dd>
              </div>
              {message.to.length > 0 && (
                <div className="mt-1 flex gap-1.5 text-zinc-600 dark:text-zinc-400">
                  <dt className="shrink-0 text-zinc-500 dark:text-zinc-400">To</dt>
                  <dd className="min-w-0 [overflow-wrap:anywhere]">
                    <AddressList addresses={message.to} />
                  </dd>
                </div>
              )}
              {message.cc.length > 0 && (
                <div className="mt-0.5 flex gap-1.5 text-zinc-600 dark:text-zinc-400">
                  <dt className="shrink-0 text-zinc-500 dark:text-zinc-400">Cc</dt>
                  <dd className="min-w-0 [overflow-wrap:anywhere]">
                    <AddressList addresses={message.cc} />
                  </dd>
                </div>
              )}
            </dl>
          </div>

          <MessageNotes message={message} />
          {extras && (
            <>
              <PresenceChips people={others} />
              <ActivityTrail folder={folder} uid={message.uid} />
              <MessageAssignment folder={folder} uid={message.uid} />
            </>
          )}
          <AttachmentList uid={message.uid} folder={folder} attachments={message.attachments} />
          {onCompose && <ReplyActions onCompose={(mode) => onCompose(mode, message)} />}
        </header>
        <InviteCards invites={message.invites} />
        {/* Every body block in document order; forwarded messages as cards (components/mail/message-blocks.tsx). */}
        <MessageBlocks message={message} renderBody={(body, key) => <MessageBody key={`${message.folder}:${message.uid}:${key}`} message={{ ...message, ...body }} />} />
        {/* A reply docks here on wide screens (components/compose/composer-shell.tsx). */}
        <ReplyDock folder={folder} uid={message.uid} />
        {extras && <MessageNotesSection folder={folder} uid={message.uid} />}
        {thread?.after}
      </div>
    );
  }

  return (
    <section aria-label="Message" className="flex min-h-0 flex-1 flex-col">
      {phoneBar}
      {content}
    </section>
  );
}
