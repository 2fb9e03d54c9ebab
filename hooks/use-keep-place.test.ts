import { describe, expect, it } from "vitest";
import { keptScrollTop } from "./use-keep-place";

const rows = (...uids: number[]) => uids.map((uid) => ({ uid }));
const H = 60;

describe("keptScrollTop", () => {
  const before = rows(100, 99, 98, 97, 96, 95, 94, 93);

  it("moves the offset down by the rows that arrived above the top row", () => {
    // Top row 97 (index 3), 20 px of it scrolled past; two new messages arrive on top.
    expect(keptScrollTop(before, rows(102, 101, ...before.map((r) => r.uid)), 3 * H + 20, H)).toBe(5 * H + 20);
  });

  it("moves it up by the rows removed above the top row", () => {
    expect(keptScrollTop(before, rows(100, 98, 97, 96, 95, 94, 93), 3 * H, H)).toBe(2 * H);
  });

  it("leaves a list at its very top alone, so new mail shows", () => {
    expect(keptScrollTop(before, rows(101, ...before.map((r) => r.uid)), 0, H)).toBeNull();
  });

  it("leaves it alone when nothing moved above the top row (an older page appended, a change below)", () => {
    expect(keptScrollTop(before, [...before, ...rows(92, 91)], 3 * H, H)).toBeNull();
    expect(keptScrollTop(before, rows(100, 99, 98, 97, 95, 94, 93), 3 * H, H)).toBeNull();
  });

  it("leaves it alone when the top row itself is gone", () => {
    expect(keptScrollTop(before, rows(101, 100, 99, 98, 96, 95), 3 * H, H)).toBeNull();
  });
});
