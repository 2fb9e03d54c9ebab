"use client";

import { useEffect, useState } from "react";
import type { MessageDetail } from "@/lib/shared/types";
import type { ConversationThread, ThreadMember } from "@/lib/shared/conversation-types";
import { apiFetch, errorMessage } from "@/hooks/use-api";
import { HtmlBodyFrame } from "@/components/mail/html-body-frame";
import { RawBody, TextBody } from "@/components/mail/text-body";
import { formatFullDate, formatListDate, senderName, subjectText } from "@/components/mail/format";
import { ChevronDownIcon } from "@/components/ui/icons";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

interface Props {
  thread: ConversationThread;
  /** The message the reading pane shows (the newest of this folder): the others are around it. */
  folder: string;
  openUid: number;
  me: string;
  /** "before": the older messages, above the open one; "after": newer ones (own replies in Sent), below it. */
  part: "before" | "after";
}

function OlderMessage({ member, me, folder }: { member: ThreadMember; me: string; folder: string }) {
  useDatePrefs();
  const [expanded, setExpanded] = useState(false);
  const [detail, setDetail] = useState<MessageDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = member.from?.address?.toLowerCase() === me.toLowerCase();
  const who = mine ? "me" : senderName(member.from);
  const id = `thread-${member.folder}-${member.uid}`.replace(/[^A-Za-z0-9_-]/g, "_");

  // Read without marking read (GET has no side effects): only the message the person opened is marked.
  useEffect(() => {
    if (!expanded || detail) return;
    const c = new AbortController();
    apiFetch<MessageDetail>(`/api/messages/${member.uid}?folder=${encodeURIComponent(member.folder)}`, { signal: c.signal })
      .then(setDetail)
      .catch((err) => !c.signal.aborted && setError(errorMessage(err)));
    return () => c.abort();
  }, [expanded, detail, member.uid, member.folder]);

  const snippet = (member as ThreadMember & { snippet?: string }).snippet?.trim();
  return (
    <li data-thread-message="" data-expanded={expanded ? "true" : "false"} className="border-b border-zinc-200/80 dark:border-zinc-800">
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={id}
        onClick={() => setExpanded((e) => !e)}
        className="flex w-full items-baseline gap-3 px-4 py-2.5 text-left hover:bg-zinc-50 md:px-8 dark:hover:bg-zinc-900"
      >
        <span className={`shrink-0 text-sm font-medium ${member.seen ? "text-zinc-700 dark:text-zinc-300" : "text-zinc-950 dark:text-white"}`}>{who}</span>
        {member.folder !== folder && <span className="shrink-0 rounded bg-zinc-100 px-1 text-[11px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{member.folder}</span>}
        <span dir="auto" className="min-w-0 flex-1 truncate text-[13px] text-zinc-500 dark:text-zinc-400">
          {snippet || subjectText(member.subject)}
        </span>
        <time dateTime={member.date} title={formatFullDate(member.date)} className="shrink-0 text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
          {formatListDate(member.date)}
        </time>
        <ChevronDownIcon className={`size-4 shrink-0 self-center text-zinc-400 transition-transform ${expanded ? "rotate-180" : ""}`} />
      </button>
      <div id={id} hidden={!expanded}>
        {expanded && !detail && !error && (
          <p role="status" className="px-4 pb-3 text-sm text-zinc-500 md:px-8 dark:text-zinc-400">
            Loading…
          </p>
        )}
        {error && <p className="px-4 pb-3 text-sm text-red-700 md:px-8 dark:text-red-300">{error}</p>}
        {detail &&
          (detail.bodyKind === "html" && detail.bodyUrl ? (
            <div className="px-4 pb-4 md:px-8">
              <HtmlBodyFrame src={detail.bodyUrl} title={`Message: ${subjectText(detail.subject)}`} />
            </div>
          ) : detail.bodyKind === "raw" ? (
            <RawBody text={detail.text ?? ""} />
          ) : (
            <TextBody text={detail.text ?? ""} />
          ))}
      </div>
    </li>
  );
}

/**
 * The rest of the open conversation around the message in the reading pane, oldest first: each a line
 * (who, first words, when) that expands on click or Enter. The open message is the newest of the folder.
 */
export function ThreadView({ thread, folder, openUid, me, part }: Props) {
  useDatePrefs();
  const at = thread.messages.findIndex((m) => m.folder === folder && m.uid === openUid);
  if (at < 0) return null;
  const members = part === "before" ? thread.messages.slice(0, at) : thread.messages.slice(at + 1);
  if (members.length === 0) return null;
  const title = part === "before" ? `Earlier in this conversation (${members.length})` : `Later in this conversation (${members.length})`;
  const titleId = `thread-${part}-${openUid}`;
  return (
    <section aria-labelledby={titleId} className={part === "before" ? "border-b border-zinc-200/80 dark:border-zinc-800" : "mt-2 border-t border-zinc-200/80 dark:border-zinc-800"}>
      {/* Said on screen too: the pane used to open on bare rows, the subject only further down. */}
      <h2 id={titleId} className="px-4 pt-3 pb-1 text-xs font-medium text-zinc-500 md:px-8 dark:text-zinc-400">
        {title}
      </h2>
      <ol>
        {members.map((m) => (
          <OlderMessage key={`${m.folder}:${m.uid}`} member={m} me={me} folder={folder} />
        ))}
      </ol>
    </section>
  );
}
