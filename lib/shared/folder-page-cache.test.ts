import { afterEach, describe, expect, it, vi } from "vitest";
import { FolderPageCache } from "@/lib/shared/folder-page-cache";
import { sameRows } from "@/lib/shared/same-rows";
import type { MessagePage, MessageSummary } from "@/lib/shared/types";

function row(uid: number, subject = `Message ${uid}`): MessageSummary {
  return { uid, subject, from: { name: "A", address: "a@example.test" }, to: [], date: new Date(uid * 1000).toISOString(), size: 100, seen: false, flagged: false, answered: false, hasAttachments: false };
}

function page(folder: string, rows = 3, subject?: string): MessagePage {
  return { folder, uidValidity: "1", token: "1:5", total: rows, messages: Array.from({ length: rows }, (_, i) => row(rows - i, subject)), nextCursor: null };
}

describe("FolderPageCache", () => {
  afterEach(() => vi.restoreAllMocks());

  it("takes the page it already holds back without measuring it again, and measures any other", () => {
    const cache = new FolderPageCache(8, 1_000_000);
    const first = page("A");
    cache.set("me@example.test", "A", first);
    cache.set("me@example.test", "B", page("B"));
    const held = cache.heldChars;
    const stringify = vi.spyOn(JSON, "stringify");
    // The same rows in a new page object (a list writing back what it showed), now the most recent.
    const again = { ...first, messages: first.messages.slice() };
    cache.set("me@example.test", "A", again);
    expect(stringify).not.toHaveBeenCalled();
    expect(cache.heldChars).toBe(held);
    expect(cache.get("me@example.test", "A")).toBe(again);
    // A row changed (a new object), the total, or the order: measured and held anew.
    const flagged = { ...again, messages: [{ ...again.messages[0]!, flagged: true }, ...again.messages.slice(1)] };
    cache.set("me@example.test", "A", flagged);
    expect(stringify).toHaveBeenCalledTimes(1);
    cache.set("me@example.test", "A", { ...flagged, total: 4 });
    cache.set("me@example.test", "A", { ...flagged, total: 4, sort: "date-asc" });
    expect(stringify).toHaveBeenCalledTimes(3);
    expect(cache.get("me@example.test", "A")?.sort).toBe("date-asc");
    expect(cache.heldChars).toBe(JSON.stringify(page("B")).length + JSON.stringify({ ...flagged, total: 4, sort: "date-asc" }).length);
  });

  it("keeps at most maxFolders pages, dropping the least recently shown", () => {
    const cache = new FolderPageCache(3, 1_000_000);
    for (const f of ["A", "B", "C"]) cache.set("me@example.test", f, page(f));
    expect(cache.get("me@example.test", "A")?.folder).toBe("A"); // A is now the most recent
    cache.set("me@example.test", "D", page("D"));
    expect(cache.size).toBe(3);
    expect(cache.get("me@example.test", "B")).toBeUndefined();
    for (const f of ["A", "C", "D"]) expect(cache.get("me@example.test", f)?.folder).toBe(f);
  });

  it("stays under its size bound, evicting old pages for a big one and refusing one bigger than the bound", () => {
    const small = JSON.stringify(page("A")).length;
    const cache = new FolderPageCache(8, small * 3);
    for (const f of ["A", "B", "C"]) cache.set("me@example.test", f, page(f));
    expect(cache.size).toBe(3);
    expect(cache.heldChars).toBeLessThanOrEqual(small * 3);
    // Two small pages' worth: the two oldest go.
    const big = page("Big", 5);
    const bigChars = JSON.stringify(big).length;
    expect(bigChars).toBeGreaterThan(small);
    cache.set("me@example.test", "Big", big);
    expect(cache.heldChars).toBeLessThanOrEqual(small * 3);
    expect(cache.get("me@example.test", "A")).toBeUndefined();
    expect(cache.get("me@example.test", "Big")?.messages).toHaveLength(5);
    // Larger than the whole budget: not kept, and nothing else is thrown out for it.
    const before = cache.size;
    cache.set("me@example.test", "Huge", page("Huge", 2, "x".repeat(small * 4)));
    expect(cache.get("me@example.test", "Huge")).toBeUndefined();
    expect(cache.size).toBe(before);
  });

  it("replacing a folder's page counts its size once", () => {
    const cache = new FolderPageCache(8, 1_000_000);
    cache.set("me@example.test", "A", page("A"));
    const once = cache.heldChars;
    cache.set("me@example.test", "A", page("A"));
    expect(cache.heldChars).toBe(once);
    cache.delete("A");
    expect(cache.heldChars).toBe(0);
  });

  it("holds one account: another account's pages are never answered, and a new account's first page clears the rest", () => {
    const cache = new FolderPageCache();
    cache.set("me@example.test", "INBOX", page("INBOX"));
    expect(cache.get("ME@example.test", "INBOX")?.folder).toBe("INBOX");
    expect(cache.get("other@example.test", "INBOX")).toBeUndefined();
    cache.set("other@example.test", "Sent", page("Sent"));
    expect(cache.size).toBe(1);
    expect(cache.get("me@example.test", "INBOX")).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.heldChars).toBe(0);
    expect(cache.get("other@example.test", "Sent")).toBeUndefined();
  });
});

describe("sameRows", () => {
  it("is true for the same row objects in the same order, false for a changed, missing or moved row", () => {
    const rows = [row(3), row(2), row(1)];
    expect(sameRows(rows, rows)).toBe(true);
    expect(sameRows(rows, rows.slice())).toBe(true);
    expect(sameRows(rows, [{ ...rows[0]! }, rows[1]!, rows[2]!])).toBe(false);
    expect(sameRows(rows, rows.slice(0, 2))).toBe(false);
    expect(sameRows(rows, [rows[1]!, rows[0]!, rows[2]!])).toBe(false);
  });
});
