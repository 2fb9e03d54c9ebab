"use client";

import type { ReactNode } from "react";
import type { Attachment, BodyBlock, MessageDetail } from "@/lib/shared/types";
import { AttachmentList, attachmentHref } from "@/components/mail/attachment-list";
import { formatAddress, formatFullDate, subjectText } from "@/components/mail/format";
import { DownloadIcon } from "@/components/ui/icons";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

/** One text, raw or html body, in the shape the reading pane's body view takes. */
export type SingleBody = Pick<MessageDetail, "bodyKind" | "text" | "bodyUrl" | "hasRemoteContent"> & {
  /** The sanitised document itself, for srcdoc, when it came with the message (issue 13). */
  bodyDoc?: string;
};

interface Props {
  message: MessageDetail;
  /** Renders one body (text as text, html in the sandboxed frame); `key` is unique within the message. */
  renderBody: (body: SingleBody, key: string) => ReactNode;
}

// The raster types the attachment route previews inline (never SVG).
const PREVIEW = /^image\/(png|jpeg|gif|webp)$/;

function ImagePreviews({ uid, folder, attachments }: { uid: number; folder: string; attachments: Attachment[] }) {
  const images = attachments.filter((a) => PREVIEW.test(a.contentType));
  if (images.length === 0) return null;
  return (
    <ul aria-label="Image previews" className="flex flex-wrap gap-3 px-4 pb-6 md:px-8">
      {images.map((a) => (
        <li key={a.partId} className="max-w-full">
          <figure className="max-w-full">
            {/* Served by the attachment route's preview variant: nosniff, a sandbox CSP, raster types only. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={`${attachmentHref(uid, a.partId, folder)}&preview=1`}
              alt={a.filename}
              loading="lazy"
              // A part that says it is an image but does not decode gets no broken-image box; it stays in the list.
              onError={(e) => {
                const item = e.currentTarget.closest("li");
                if (item) item.hidden = true;
              }}
              className="max-h-64 max-w-full rounded-lg border border-zinc-200 bg-white object-contain dark:border-zinc-800"
            />
            <figcaption className="mt-1 max-w-64 truncate text-xs text-zinc-500 dark:text-zinc-400">{a.filename}</figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}

function HeaderRow({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="flex gap-1.5">
      <dt className="w-14 shrink-0 text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere] text-zinc-800 dark:text-zinc-200">{value}</dd>
    </div>
  );
}

/** A forwarded message (message/rfc822): its own header, body, attachments and .eml download. */
function ForwardedMessage({ block, message, renderBody, path }: { block: Extract<BodyBlock, { kind: "message" }>; path: string } & Props) {
  useDatePrefs();
  const h = block.header;
  const list = (a: typeof h.to) => a.map(formatAddress).join(", ");
  return (
    <section
      aria-label={`Forwarded message: ${subjectText(h.subject)}`}
      className="mx-4 mb-5 rounded-xl border border-l-4 border-zinc-200 border-l-accent-400 pb-1 pt-3 md:mx-8 dark:border-zinc-800 dark:border-l-accent-500/60"
    >
      <header className="px-4 pb-3">
        <p className="mb-2 text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">Forwarded message</p>
        <dl className="space-y-0.5 text-sm">
          {h.from.length > 0 && <HeaderRow label="From" value={list(h.from)} />}
          {h.to.length > 0 && <HeaderRow label="To" value={list(h.to)} />}
          {h.cc.length > 0 && <HeaderRow label="Cc" value={list(h.cc)} />}
          {h.date && <HeaderRow label="Date" value={<time dateTime={h.date}>{formatFullDate(h.date)}</time>} />}
          <HeaderRow label="Subject" value={subjectText(h.subject)} />
        </dl>
        <AttachmentList uid={message.uid} folder={message.folder} attachments={block.attachments} />
        <a
          href={attachmentHref(message.uid, block.partId, message.folder)}
          // The server names the file "<subject>.eml" (Content-Disposition: attachment).
          download
          className="mt-3 inline-flex items-center gap-1.5 text-sm font-medium text-accent-700 hover:underline dark:text-accent-300"
        >
          <DownloadIcon className="size-4" />
          Download .eml
        </a>
      </header>
      <Blocks blocks={block.blocks} message={message} renderBody={renderBody} path={path} />
      {block.moreNotShown && (
        <p className="mx-4 mb-3 rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          …more forwarded messages not shown. They are listed above as .eml files.
        </p>
      )}
      <ImagePreviews uid={message.uid} folder={message.folder} attachments={block.attachments} />
    </section>
  );
}

function Blocks({ blocks, message, renderBody, path }: Props & { blocks: BodyBlock[]; path: string }) {
  return (
    <>
      {blocks.map((b, i) => {
        const key = `${path}${i}`;
        if (b.kind === "message") return <ForwardedMessage key={key} block={b} message={message} renderBody={renderBody} path={`${key}.`} />;
        if (b.kind === "html") return renderBody({ bodyKind: "html", text: null, bodyUrl: b.url, hasRemoteContent: b.hasRemoteContent, bodyDoc: b.doc }, key);
        return renderBody({ bodyKind: b.kind, text: b.text, bodyUrl: null, hasRemoteContent: false }, key);
      })}
    </>
  );
}

/**
 * The message body as blocks in document order (issue 10): texts, html frames and forwarded messages,
 * then previews of the image attachments. Servers without blocks get the single body as before.
 */
export function MessageBlocks({ message, renderBody }: Props) {
  const blocks = message.blocks;
  return (
    <>
      {blocks && blocks.length > 0 ? <Blocks blocks={blocks} message={message} renderBody={renderBody} path="" /> : renderBody(message, "single")}
      <ImagePreviews uid={message.uid} folder={message.folder} attachments={message.attachments} />
    </>
  );
}
