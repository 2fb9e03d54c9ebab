import "server-only";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { streamsSearch, type MailStore, type SearchField } from "@/lib/mail/store";
import type { SearchChunk } from "@/lib/shared/search-stream";

export interface FolderSearchRequest {
  folder: string;
  text: string;
  field: SearchField;
  limit: number;
  deadlineMs: number;
}

function errorChunk(err: unknown): SearchChunk {
  if (err instanceof MailroomError) return { type: "error", code: err.code, message: err.message };
  logger.error("streamed search failed", { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  return { type: "error", code: "INTERNAL", message: "Something went wrong on our side. Try again." };
}

/**
 * A folder search as NDJSON: one line per batch of rows as the store finds them, then "done" (or
 * "error": the status line has gone out by then). The browser going away (the request's signal, or the
 * stream cancelled) aborts the search, and the store stops issuing commands.
 */
export function folderSearchStream(store: MailStore, req: FolderSearchRequest, requestSignal: AbortSignal): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  requestSignal.addEventListener("abort", onAbort, { once: true });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const emit = (chunk: SearchChunk) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(chunk)}\n`));
      };
      try {
        const deadlineAt = Date.now() + req.deadlineMs;
        if (streamsSearch(store)) {
          await store.searchStream(req.folder, { text: req.text, field: req.field, limit: req.limit, deadlineAt, signal: stop.signal }, emit);
        } else {
          // A store that cannot stream: its whole first page in one batch.
          const page = await store.listMessages(req.folder, { limit: req.limit, search: { text: req.text, field: req.field } });
          emit({ type: "rows", messages: page.messages });
          emit({ type: "done", folder: page.folder, uidValidity: page.uidValidity, total: page.total, ...(page.totalAtLeast ? { totalAtLeast: true as const } : {}), nextCursor: page.nextCursor, complete: true, cached: false });
        }
      } catch (err) {
        if (!stop.signal.aborted) emit(errorChunk(err));
      } finally {
        requestSignal.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
}
