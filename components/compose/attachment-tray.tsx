"use client";

import type { UploadItem } from "@/hooks/use-uploads";
import { CloseIcon, FileIcon } from "@/components/ui/icons";

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The composer's attachments, each with its upload progress or its error. */
export function AttachmentTray({ items, onRemove }: { items: UploadItem[]; onRemove: (key: string) => void }) {
  if (!items.length) return null;
  return (
    <ul aria-label="Attachments" className="flex max-h-40 shrink-0 flex-wrap gap-2 overflow-y-auto border-t border-zinc-200/80 px-4 py-2 dark:border-zinc-800">
      {items.map((a) => (
        <li
          key={a.key}
          className={`flex w-60 max-w-full items-center gap-2 rounded-lg border px-2.5 py-1.5 text-[13px] ${
            a.error ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40" : "border-zinc-200 dark:border-zinc-700"
          }`}
        >
          <FileIcon className="size-4 shrink-0 text-zinc-500 dark:text-zinc-400" />
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium" title={a.filename}>
              {a.filename}
            </p>
            {a.error ? (
              <p role="alert" className="text-xs text-red-800 dark:text-red-200">
                {a.error}
              </p>
            ) : a.id ? (
              <p className="text-xs text-zinc-500 dark:text-zinc-400">{size(a.size)}</p>
            ) : (
              <div
                role="progressbar"
                aria-label={`Uploading ${a.filename}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(a.progress * 100)}
                className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
              >
                <div className="h-full bg-accent-600 transition-[width] dark:bg-accent-400" style={{ width: `${Math.round(a.progress * 100)}%` }} />
              </div>
            )}
          </div>
          <button type="button" aria-label={`Remove ${a.filename}`} onClick={() => onRemove(a.key)} className="rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100">
            <CloseIcon className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
