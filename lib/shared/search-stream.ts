import type { MessageSummary } from "@/lib/shared/types";

/**
 * One line of a streamed folder search (GET /api/search/stream, NDJSON): batches of result rows, newest
 * first, as the server finds them, then one "done" line; an "error" line when the search failed after
 * the response had started (before that, the usual JSON { code, message } with a 4xx/5xx status).
 */
export type SearchChunk =
  | {
      type: "rows";
      messages: MessageSummary[];
      /** The UID range this batch was searched in (absent when the answer came whole: cache, POP3). */
      range?: [number, number];
    }
  | {
      type: "done";
      folder: string;
      uidValidity: string;
      /** Every match in the folder (a lower bound when `complete` is false or `totalAtLeast` is set). */
      total: number;
      /** The store stopped counting at its cap (POP3 cache): more match than `total`, shown "1,000+". */
      totalAtLeast?: true;
      /** For "load more": the UID below which the next page starts (GET /api/messages?before=). */
      nextCursor: number | null;
      /** False when the deadline stopped the search before it reached the oldest message. */
      complete: boolean;
      /** Answered from the short-lived search cache: no SEARCH reached the mail server. */
      cached: boolean;
    }
  | { type: "error"; code: string; message: string };

/** Splits NDJSON text as it arrives: complete lines parsed, the unfinished tail kept for the next read. */
export function splitLines(buffer: string): { lines: SearchChunk[]; rest: string } {
  const parts = buffer.split("\n");
  const rest = parts.pop() ?? "";
  const lines = parts.filter((l) => l.trim()).map((l) => JSON.parse(l) as SearchChunk);
  return { lines, rest };
}
