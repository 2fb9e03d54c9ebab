import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { showWhenReady, switchFolder, WAIT_MS } from "@/hooks/show-when-ready";
import { folderPageCache } from "@/hooks/folder-page-cache";
import { clearFolderPageFetches, firstPageUrl, readyPage } from "@/hooks/folder-page-fetch";
import { peekSearchStream, searchWhenReady, streamUrl, takeSearchStream } from "@/hooks/search-stream-start";
import type { SearchChunk } from "@/lib/shared/search-stream";

// The switch, the jump and the folder search render once, when their answer comes (issue 13).

const page = (folder: string) => ({ folder, uidValidity: "1", total: 1, messages: [], nextCursor: null });

/** A fetch whose answers the test releases; every call is recorded. */
function fakeFetch() {
  const calls: string[] = [];
  const pending: ((r: Response) => void)[] = [];
  vi.stubGlobal("fetch", vi.fn((url: string) => {
    calls.push(url);
    return new Promise<Response>((resolve) => pending.push(resolve));
  }));
  return { calls, answer: (i: number, r: Response) => pending[i]!(r) };
}
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => clearFolderPageFetches());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("showWhenReady", () => {
  it("sends the request at once and shows once, when the answer has come (which the list can then read)", async () => {
    const f = fakeFetch();
    const show = vi.fn();
    const url = firstPageUrl("Archive");
    showWhenReady(url, show);
    expect(f.calls).toEqual([url]);
    await tick();
    expect(show).not.toHaveBeenCalled();
    f.answer(0, json(page("Archive")));
    await vi.waitFor(() => expect(show).toHaveBeenCalledTimes(1));
    expect(readyPage(url)?.folder).toBe("Archive");
    await new Promise((r) => setTimeout(r, WAIT_MS + 20));
    expect(show).toHaveBeenCalledTimes(1);
  });

  it("a slow answer: shows after the wait (the loading state), and not again when the answer comes", async () => {
    const f = fakeFetch();
    const show = vi.fn();
    showWhenReady(firstPageUrl("Slow"), show, 30);
    await new Promise((r) => setTimeout(r, 60));
    expect(show).toHaveBeenCalledTimes(1);
    f.answer(0, json(page("Slow")));
    await tick();
    await tick();
    expect(show).toHaveBeenCalledTimes(1);
  });

  it("only the last of two quick clicks is shown", async () => {
    const f = fakeFetch();
    const first = vi.fn();
    const second = vi.fn();
    showWhenReady(firstPageUrl("A"), first);
    showWhenReady(firstPageUrl("B"), second);
    f.answer(0, json(page("A")));
    f.answer(1, json(page("B")));
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
  });
});

describe("switchFolder", () => {
  it("a remembered folder (or Conversations) switches at once; one not fetched waits for its rows; each asks once", async () => {
    const f = fakeFetch();
    folderPageCache.set("me@example.test", "Sent", page("Sent"));
    const sent = vi.fn();
    switchFolder("me@example.test", "INBOX", "Sent", { threads: false }, sent);
    expect(sent).toHaveBeenCalledTimes(1);
    const threads = vi.fn();
    switchFolder("me@example.test", "INBOX", "Lists", { threads: true }, threads);
    expect(threads).toHaveBeenCalledTimes(1);
    const archive = vi.fn();
    switchFolder("me@example.test", "INBOX", "Archive", { threads: false }, archive);
    expect(archive).not.toHaveBeenCalled();
    expect(f.calls).toEqual([firstPageUrl("Sent"), firstPageUrl("Lists"), firstPageUrl("Archive")]);
    f.answer(2, json(page("Archive")));
    await vi.waitFor(() => expect(archive).toHaveBeenCalledTimes(1));
    folderPageCache.clear();
  });
});

/** A streamed answer whose lines the test writes. */
function ndjson() {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) });
  const enc = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { "Content-Type": "application/x-ndjson" } }),
    line: (c: SearchChunk) => ctl.enqueue(enc.encode(`${JSON.stringify(c)}\n`)),
    end: () => ctl.close(),
  };
}
const rows = (uid: number): SearchChunk => ({ type: "rows", messages: [{ uid } as never] });

describe("searchWhenReady", () => {
  it("starts the stream in the key handler and shows the search once its first line has come", async () => {
    const f = fakeFetch();
    const show = vi.fn();
    const url = streamUrl("INBOX", "harbour", "all");
    searchWhenReady("INBOX", " harbour ", "all", show);
    // The request left before anything else could run.
    expect(f.calls).toEqual([url]);
    const s = ndjson();
    f.answer(0, s.response);
    await tick();
    expect(show).not.toHaveBeenCalled();
    s.line(rows(9));
    await vi.waitFor(() => expect(show).toHaveBeenCalledTimes(1));
    expect(peekSearchStream(url)).toEqual([rows(9)]);

    // The list takes it: the lines so far at once, then each as it comes; nobody can take it twice.
    const got: SearchChunk[] = [];
    const taken = takeSearchStream(url, (c) => got.push(c));
    expect(taken).not.toBeNull();
    expect(got).toEqual([rows(9)]);
    expect(takeSearchStream(url, () => {})).toBeNull();
    s.line(rows(7));
    s.end();
    await taken!.end;
    expect(got).toEqual([rows(9), rows(7)]);
    expect(f.calls).toHaveLength(1);
  });

  it("a new search aborts one that nobody took", async () => {
    const f = fakeFetch();
    searchWhenReady("INBOX", "apple", "all", () => {});
    const signal = (vi.mocked(fetch).mock.calls[0]![1] as RequestInit).signal!;
    searchWhenReady("INBOX", "pear", "all", () => {});
    expect(signal.aborted).toBe(true);
    expect(f.calls.map((u) => new URL(u, "http://x").searchParams.get("q"))).toEqual(["apple", "pear"]);
  });
});

describe("a switch and a search share who was asked last", () => {
  it("a folder clicked while a search waits for its first line is what shows; the search's late line shows nothing", async () => {
    const f = fakeFetch();
    const search = vi.fn();
    const folder = vi.fn();
    searchWhenReady("INBOX", "harbour", "all", search);
    showWhenReady(firstPageUrl("Archive"), folder);
    f.answer(1, json(page("Archive")));
    await vi.waitFor(() => expect(folder).toHaveBeenCalledTimes(1));
    const s = ndjson();
    f.answer(0, s.response);
    s.line(rows(9));
    await new Promise((r) => setTimeout(r, WAIT_MS + 20));
    expect(search).not.toHaveBeenCalled();
  });
});
