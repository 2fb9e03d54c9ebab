import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MessagePage } from "@/lib/shared/types";
// The tab's request sharing for first pages (hooks/, browser code; tested here with a fake fetch).
import { clearFolderPageFetches, firstPageUrl, loadFirstPage, prefetchFolderPage, startFolderPage, startJumpPage } from "@/hooks/folder-page-fetch";
import { clearFolderPageCache, folderPageCache } from "@/hooks/folder-page-cache";

const page = (folder: string, n = 1): MessagePage =>
  ({ folder, uidValidity: "7", token: `7:${n}`, total: 1, nextCursor: null, messages: [{ uid: n, subject: `m${n}` }] }) as unknown as MessagePage;

let calls: { url: string; ifNoneMatch?: string }[];
let answer: (url: string, ifNoneMatch?: string) => Response;

beforeEach(() => {
  calls = [];
  clearFolderPageFetches();
  folderPageCache.clear();
  answer = (url) => {
    const folder = new URL(url, "http://x").searchParams.get("folder")!;
    return new Response(JSON.stringify(page(folder)), { headers: { ETag: `"v-${folder}"`, "Content-Type": "application/json" } });
  };
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const ifNoneMatch = (init.headers as Record<string, string>)["If-None-Match"];
    calls.push({ url, ifNoneMatch });
    return answer(url, ifNoneMatch);
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("first pages asked once", () => {
  it("the click's request is the one the list takes; a second list load asks again", async () => {
    startFolderPage("a@x", "Work");
    const taken = await loadFirstPage(firstPageUrl("Work"), { take: true });
    expect(taken.folder).toBe("Work");
    expect(calls).toHaveLength(1);
    await loadFirstPage(firstPageUrl("Work"), { take: true });
    expect(calls).toHaveLength(2);
  });

  it("a prefetched folder lands in the folder cache; its confirm is conditional and a 304 keeps the page", async () => {
    await prefetchFolderPage("a@x", "Work");
    const cached = folderPageCache.get("a@x", "Work");
    expect(cached?.folder).toBe("Work");
    // Resting on it again soon asks nothing.
    await prefetchFolderPage("a@x", "Work");
    expect(calls).toHaveLength(1);
    answer = (_url, inm) => (inm === '"v-Work"' ? new Response(null, { status: 304 }) : new Response("{}", { status: 500 }));
    const confirmed = await loadFirstPage(firstPageUrl("Work"), { shown: cached, take: true });
    expect(calls[1]).toEqual({ url: firstPageUrl("Work"), ifNoneMatch: '"v-Work"' });
    expect(confirmed).toEqual(cached);
  });

  it("sign-out (clearing the folder cache) forgets the answers too: the next prefetch asks again", async () => {
    await prefetchFolderPage("a@x", "Work");
    clearFolderPageCache();
    expect(folderPageCache.size).toBe(0);
    await prefetchFolderPage("a@x", "Work");
    expect(calls).toHaveLength(2);
    expect(calls[1]?.ifNoneMatch).toBeUndefined();
  });

  it("no If-None-Match when the page on screen is not the one the validator is for (a local change)", async () => {
    await prefetchFolderPage("a@x", "Work");
    const changed = { ...folderPageCache.get("a@x", "Work")!, total: 0, messages: [] };
    await loadFirstPage(firstPageUrl("Work"), { shown: changed, take: true });
    expect(calls[1]?.ifNoneMatch).toBeUndefined();
  });

  it("a prefetched jump is shared with the jump itself, and force (a reload) always asks", async () => {
    startJumpPage("INBOX", "oldest");
    await new Promise((r) => setTimeout(r, 0));
    await loadFirstPage(firstPageUrl("INBOX", "oldest"), { take: true });
    expect(calls).toHaveLength(1);
    startJumpPage("INBOX", "oldest");
    await loadFirstPage(firstPageUrl("INBOX", "oldest"), { take: true, force: true });
    expect(calls).toHaveLength(3);
  });

  it("a failed answer is not shared: the next caller asks again", async () => {
    answer = () => new Response(JSON.stringify({ code: "INTERNAL", message: "no" }), { status: 500 });
    await expect(loadFirstPage(firstPageUrl("Work"))).rejects.toThrow();
    answer = (url) => new Response(JSON.stringify(page(new URL(url, "http://x").searchParams.get("folder")!)));
    await expect(loadFirstPage(firstPageUrl("Work"))).resolves.toMatchObject({ folder: "Work" });
  });
});
