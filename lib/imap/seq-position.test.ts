import { describe, expect, it } from "vitest";
import { uidSetTest } from "@/lib/imap/seq-position";

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
