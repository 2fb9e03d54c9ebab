import { describe, expect, it } from "vitest";
import { listCovers } from "@/lib/shared/resume-cover";

describe("a list covers the stream's first state", () => {
  it("when it is the same mailbox at the same or a newer MODSEQ", () => {
    expect(listCovers("7:120", "7:120")).toBe(true);
    expect(listCovers("7:121", "7:120")).toBe(true);
  });
  it("not when something changed after the list was read, or the mailbox was recreated", () => {
    expect(listCovers("7:119", "7:120")).toBe(false);
    expect(listCovers("8:500", "7:120")).toBe(false);
  });
  it("not without both tokens (no CONDSTORE, list still loading)", () => {
    expect(listCovers(undefined, "7:120")).toBe(false);
    expect(listCovers("7:120", undefined)).toBe(false);
    expect(listCovers("garbage", "7:1")).toBe(false);
  });
  it("compares MODSEQs past 2^53 exactly", () => {
    expect(listCovers("1:18446744073709551615", "1:18446744073709551614")).toBe(true);
    expect(listCovers("1:9007199254740993", "1:9007199254740992")).toBe(true);
  });
});
