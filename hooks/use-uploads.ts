"use client";

import { useCallback, useRef, useState } from "react";
import type { ApiErrorBody } from "@/lib/shared/types";
import type { UploadInfo } from "@/lib/shared/compose";

export interface UploadItem {
  /** Local key (also the server id once uploaded). */
  key: string;
  filename: string;
  size: number;
  /** 0..1 while uploading. */
  progress: number;
  /** Set when the upload finished. */
  id: string | null;
  contentType: string;
  error: string | null;
}

export function fromInfo(u: UploadInfo): UploadItem {
  return { key: u.id, id: u.id, filename: u.filename, size: u.size, progress: 1, contentType: u.contentType, error: null };
}

/**
 * Attachments of one composer: each file is POSTed alone with XMLHttpRequest (fetch has no upload
 * progress), streamed to disk on the server.
 */
export function useUploads(initial: UploadItem[], onChange: () => void) {
  const [items, setItems] = useState<UploadItem[]>(initial);
  const xhrs = useRef(new Map<string, XMLHttpRequest>());
  const seq = useRef(0);

  const patch = useCallback((key: string, p: Partial<UploadItem>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...p } : i)));
  }, []);

  const add = useCallback(
    (files: FileList | File[]) => {
      for (const file of Array.from(files)) {
        const key = `local-${++seq.current}-${Date.now()}`;
        setItems((list) => [...list, { key, filename: file.name, size: file.size, progress: 0, id: null, contentType: file.type, error: null }]);
        const xhr = new XMLHttpRequest();
        xhrs.current.set(key, xhr);
        xhr.open("POST", "/api/uploads");
        xhr.responseType = "text";
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) patch(key, { progress: Math.min(e.loaded / e.total, 0.99) });
        };
        xhr.onload = () => {
          xhrs.current.delete(key);
          let body: unknown = null;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = null;
          }
          if (xhr.status >= 200 && xhr.status < 300 && body && typeof (body as UploadInfo).id === "string") {
            const info = body as UploadInfo;
            patch(key, { id: info.id, progress: 1, size: info.size, filename: info.filename, contentType: info.contentType });
            onChange();
          } else {
            const msg = body && typeof (body as ApiErrorBody).message === "string" ? (body as ApiErrorBody).message : "The file could not be uploaded. Try again.";
            patch(key, { error: msg, progress: 0 });
          }
        };
        xhr.onerror = () => {
          xhrs.current.delete(key);
          patch(key, { error: "The upload was interrupted. Check your connection and attach the file again.", progress: 0 });
        };
        const form = new FormData();
        form.append("file", file, file.name);
        xhr.send(form);
      }
    },
    [patch, onChange],
  );

  const remove = useCallback(
    (key: string) => {
      xhrs.current.get(key)?.abort();
      xhrs.current.delete(key);
      setItems((list) => {
        const item = list.find((i) => i.key === key);
        // The server copy goes too, unless a saved draft still needs it (it is then removed after its TTL).
        if (item?.id) void fetch(`/api/uploads/${item.id}`, { method: "DELETE", credentials: "same-origin" }).catch(() => {});
        return list.filter((i) => i.key !== key);
      });
      onChange();
    },
    [onChange],
  );

  const busy = items.some((i) => !i.id && !i.error);
  return { items, add, remove, busy };
}
