import { describe, expect, it } from "vitest";
import { applySearchChunk, mergeQuietSearch, START, type Found } from "./use-streamed-search";
import type { MessageSummary } from "@/lib/shared/types";

const row = (uid: number): MessageSummary => ({ uid, subject: `m${uid}`, from: null, to: [], date: "2026-01-01T00:00:00.000Z", size: 1, seen: true, flagged: false, answered: false, hasAttachments: false });
const done = (total: number, extra: { totalAtLeast?: true } = {}) => ({ type: "done" as const, folder: "INBOX", uidValidity: "1", total, nextCursor: 3, complete: true, cached: false, ...extra });

describe("a streamed search's total", () => {
  it("is exact unless the store stopped counting at its cap", () => {
    const rows = applySearchChunk(START, { type: "rows", messages: [row(5), row(4)] });
    expect(rows).toMatchObject({ total: 2, totalAtLeast: false, searching: true });
    expect(applySearchChunk(rows, done(7))).toMatchObject({ total: 7, totalAtLeast: false, searching: false });
    expect(applySearchChunk(rows, done(1_000, { totalAtLeast: true }))).toMatchObject({ total: 1_000, totalAtLeast: true });
  });

  it("a new search starts exact again", () => {
    const capped = applySearchChunk(START, done(1_000, { totalAtLeast: true }));
    expect(applySearchChunk(capped, done(4))).toMatchObject({ total: 4, totalAtLeast: false });
  });
});

describe("a quiet refresh of a search over older pages already loaded", () => {
  const found = (uids: number[], cursor: number | null, total = uids.length): Found => ({ ...START, messages: uids.map(row), cursor, total, loading: false, searching: false });
  const loaded = found([10, 9, 8, 7, 6, 5], 4, 9); // two pages of three, three more to come

  it("keeps the rows after the fresh first rows, and the old cursor", () => {
    const fresh = found([11, 10, 9], 8, 10); // new mail on top
    const merged = mergeQuietSearch(loaded, fresh);
    expect(merged.messages.map((m) => m.uid)).toEqual([11, 10, 9, 8, 7, 6, 5]);
    expect(merged).toMatchObject({ cursor: 4, total: 10 });
  });

  it("drops a row that left the first rows but not the ones after", () => {
    const merged = mergeQuietSearch(loaded, found([10, 8, 7], 7, 8)); // 9 removed
    expect(merged.messages.map((m) => m.uid)).toEqual([10, 8, 7, 6, 5]);
    expect(merged.cursor).toBe(4);
  });

  it("takes the fresh answer whole when only the first rows were loaded, or it no longer meets them", () => {
    expect(mergeQuietSearch(found([3, 2], null), found([4, 3, 2], null)).messages.map((m) => m.uid)).toEqual([4, 3, 2]);
    const elsewhere = mergeQuietSearch(loaded, found([30, 29, 28], 27, 40));
    expect(elsewhere.messages.map((m) => m.uid)).toEqual([30, 29, 28]);
    expect(elsewhere.cursor).toBe(27);
  });

  it("takes a fresh answer that is the whole result as it is: rows loaded after it are gone", () => {
    const whole = mergeQuietSearch(loaded, found([10, 9], null, 2)); // the other matches were deleted
    expect(whole.messages.map((m) => m.uid)).toEqual([10, 9]);
    expect(whole).toMatchObject({ cursor: null, total: 2 });
  });
});
