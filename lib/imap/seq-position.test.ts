import { describe, expect, it } from "vitest";
import { newestOf, uidSetTest } from "@/lib/imap/seq-position";

describe("ESEARCH ALL's compact set as a membership test", () => {
  it("reads ranges, single numbers, reversed ranges and *", () => {
    const has = uidSetTest("1:3,7,12:10,40:*");
    expect([1, 2, 3, 7, 10, 11, 12, 40, 99999].every(has)).toBe(true);
    expect([0, 4, 6, 8, 9, 13, 39].some(has)).toBe(false);
  });

  it("matches nothing for an empty answer", () => {
    expect(uidSetTest("")(1)).toBe(false);
  });
});

describe("the newest of a compact set", () => {
  it("takes the highest numbers first, across ranges in any order, bounded", () => {
    expect(newestOf("1:3,10,7:8", 4)).toEqual([10, 8, 7, 3]);
    expect(newestOf("1:100000", 3)).toEqual([100000, 99999, 99998]);
    expect(newestOf("", 5)).toEqual([]);
  });
});
