import { useId } from "react";
import type { Attachment } from "@/lib/shared/types";
import { DownloadIcon, FileIcon, ImageIcon } from "@/components/ui/icons";
import { describeType, formatSize } from "@/components/mail/format";
import { isProgramName, splitAttachmentName } from "@/lib/shared/attachment-name";

export function attachmentHref(uid: number, partId: string, folder: string): string {
  return `/api/messages/${uid}/attachments/${encodeURIComponent(partId)}?folder=${encodeURIComponent(folder)}`;
}

export function AttachmentList({ uid, folder, attachments }: { uid: number; folder: string; attachments: Attachment[] }) {
  // Forwarded messages have lists of their own: each heading needs its own id.
  const headingId = useId();
  if (attachments.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="mt-4">
      <h3 id={headingId} className="mb-2 text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">
        {attachments.length === 1 ? "1 attachment" : `${attachments.length} attachments`}
      </h3>
      <ul className="flex flex-wrap gap-2">
        {attachments.map((a) => {
          const name = a.filename || "Untitled attachment";
          const type = describeType(a.contentType, name);
          return (
            <li key={a.partId} className="max-w-full">
              <a
                href={attachmentHref(uid, a.partId, folder)}
                // The server names the file (Content-Disposition: attachment; filename=…).
                download
                aria-label={`Download ${name}, ${a.contentType}, ${formatSize(a.size)}`}
                className="group flex max-w-72 items-center gap-3 rounded-xl border border-zinc-200 bg-white py-2 pl-2.5 pr-3 text-left transition-colors hover:border-zinc-300 hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-700 dark:hover:bg-zinc-800/70"
              >
                <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
                  {a.contentType.startsWith("image/") ? <ImageIcon /> : <FileIcon />}
                </span>
                <span className="min-w-0 flex-1">
                  {/* The base may be cut, the real extension never: it is what the file will be opened as. */}
                  <span className="flex min-w-0 text-sm font-medium text-zinc-900 dark:text-zinc-100" title={name}>
                    <span className="truncate">{splitAttachmentName(name).base}</span>
                    <span className="shrink-0">{splitAttachmentName(name).ext}</span>
                  </span>
                  {isProgramName(name) && (
                    <span className="block text-xs font-medium text-red-700 dark:text-red-400">Program file ({splitAttachmentName(name).ext}): it runs when opened</span>
                  )}
                  <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                    <span title={type}>{a.contentType}</span> · {formatSize(a.size)}
                  </span>
                </span>
                <DownloadIcon className="size-4 shrink-0 text-zinc-400 group-hover:text-zinc-700 dark:group-hover:text-zinc-200" />
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
