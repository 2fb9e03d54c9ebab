"use client";

import { ApiError, NETWORK_MESSAGE } from "@/hooks/use-api";
import { splitLines, type SearchChunk } from "@/lib/shared/search-stream";

/**
 * GET /api/search/stream, handing each NDJSON line to `onChunk` as it arrives. A non-2xx answer (bad
 * input, signed out) throws the API's ApiError; an abort throws the AbortError, and no chunk read
 * after the abort is handed on.
 */
export async function readSearchStream(url: string, signal: AbortSignal, onChunk: (chunk: SearchChunk) => void): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", cache: "no-store", signal, headers: { Accept: "application/x-ndjson" } });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError("NETWORK", NETWORK_MESSAGE, 0);
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(body?.code ?? "INTERNAL", body?.message ?? "Something went wrong. Try again.", res.status);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw new DOMException("Aborted", "AbortError");
      rest += decoder.decode(value, { stream: !done });
      const parsed = splitLines(done ? `${rest}\n` : rest);
      rest = parsed.rest;
      for (const chunk of parsed.lines) onChunk(chunk);
      if (done) return;
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    if (err instanceof ApiError) throw err;
    throw new ApiError("NETWORK", NETWORK_MESSAGE, 0);
  } finally {
    reader.releaseLock();
  }
}
