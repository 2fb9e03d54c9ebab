import { describe, expect, it } from "vitest";
import { applySearchChunk, START } from "./use-streamed-search";
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
