import { describe, expect, it } from "vitest";
import { MailroomError } from "@/lib/errors";
import type { MailStore, StreamsSearch } from "@/lib/mail/store";
import { folderSearchStream } from "@/lib/mail/search-stream";
import { splitLines, type SearchChunk } from "@/lib/shared/search-stream";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";

const row = (uid: number): MessageSummary => ({ uid, subject: `m${uid}`, from: null, to: [], date: new Date(0).toISOString(), size: 1, seen: true, flagged: false, answered: false, hasAttachments: false });
const req = { folder: "INBOX", text: "x", field: "all" as const, limit: 50, deadlineMs: 5000 };

async function readAll(stream: ReadableStream<Uint8Array>): Promise<SearchChunk[]> {
  const text = await new Response(stream).text();
  return splitLines(text + "\n").lines;
}

/** A streaming store that emits one batch, then waits for `release` before the next; it records what its signal saw. */
function streamingStore() {
  const seen = { aborted: false, secondBatch: false };
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const store = {
    async searchStream(_folder, opts, emit) {
      await emit({ type: "rows", messages: [row(9)], range: [5, 9] });
      await gate;
      if (opts.signal?.aborted) {
        seen.aborted = true;
        throw new MailroomError("REQUEST_CANCELLED", "cancelled");
      }
      seen.secondBatch = true;
      await emit({ type: "rows", messages: [row(3)], range: [1, 4] });
      await emit({ type: "done", folder: "INBOX", uidValidity: "1", total: 2, nextCursor: null, complete: true, cached: false });
    },
  } as StreamsSearch as unknown as MailStore;
  return { store, seen, release };
}

describe("folderSearchStream", () => {
  it("writes each batch as an NDJSON line as it comes, then done", async () => {
    const { store, release } = streamingStore();
    const reader = folderSearchStream(store, req, new AbortController().signal).getReader();
    const first = await reader.read();
    expect(splitLines(new TextDecoder().decode(first.value)).lines).toEqual([{ type: "rows", messages: [row(9)], range: [5, 9] }]);
    release();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(splitLines(rest).lines.map((c) => c.type)).toEqual(["rows", "done"]);
  });

  it("the request going away aborts the store's search: no further batch is searched", async () => {
    const { store, seen, release } = streamingStore();
    const request = new AbortController();
    const reader = folderSearchStream(store, req, request.signal).getReader();
    await reader.read();
    request.abort();
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual({ aborted: true, secondBatch: false });
  });

  it("a cancelled stream (the reader gives up) aborts it too", async () => {
    const { store, seen, release } = streamingStore();
    const reader = folderSearchStream(store, req, new AbortController().signal).getReader();
    await reader.read();
    await reader.cancel();
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual({ aborted: true, secondBatch: false });
  });

  it("a store without streaming answers in one batch from listMessages", async () => {
    const page: MessagePage = { folder: "INBOX", uidValidity: "7", total: 3, messages: [row(5), row(4)], nextCursor: 4 };
    const store = { listMessages: async (_f: string, o: { search?: { text: string } }) => (o.search?.text === "x" ? page : { ...page, messages: [] }) } as unknown as MailStore;
    expect(await readAll(folderSearchStream(store, req, new AbortController().signal))).toEqual([
      { type: "rows", messages: [row(5), row(4)] },
      { type: "done", folder: "INBOX", uidValidity: "7", total: 3, nextCursor: 4, complete: true, cached: false },
    ]);
  });

  it("an error after the stream began is an error line with its code", async () => {
    const store = { searchStream: async () => { throw new MailroomError("NOT_FOUND", "That folder doesn't exist."); } } as unknown as MailStore;
    expect(await readAll(folderSearchStream(store, req, new AbortController().signal))).toEqual([{ type: "error", code: "NOT_FOUND", message: "That folder doesn't exist." }]);
  });
});
