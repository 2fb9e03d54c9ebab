import { describe, expect, it } from "vitest";
import { expandOrdered, readEsortAnswer } from "@/lib/imap/esort";

describe("ESORT answers", () => {
  it("keeps the sort order of a sequence set, descending ranges included, bounded", () => {
    expect(expandOrdered("5:3,9,1:2")).toEqual([5, 4, 3, 9, 1, 2]);
    expect(expandOrdered("100000:1", 3)).toEqual([100000, 99999, 99998]);
    expect(expandOrdered("")).toEqual([]);
    expect(expandOrdered("x,0,7")).toEqual([7]);
  });

  it("reads ALL, PARTIAL (NIL past the end) and COUNT after the correlator and UID", () => {
    const tag = [{ type: "ATOM", value: "TAG" }, { type: "STRING", value: "9" }];
    const uid = { type: "ATOM", value: "UID" };
    expect(readEsortAnswer([tag, uid, { type: "ATOM", value: "ALL" }, { type: "SEQUENCE", value: "3:1" }])).toEqual({ all: "3:1", partial: null, count: null });
    const partial = [{ type: "SEQUENCE", value: "1:5" }, { type: "SEQUENCE", value: "9,7:5" }];
    expect(readEsortAnswer([tag, uid, { type: "ATOM", value: "PARTIAL" }, partial, { type: "ATOM", value: "COUNT" }, { type: "ATOM", value: "42" }])).toEqual({ all: null, partial: "9,7:5", count: 42 });
    const nil = [{ type: "SEQUENCE", value: "51:100" }, { type: "ATOM", value: "NIL" }];
    expect(readEsortAnswer([tag, uid, { type: "ATOM", value: "PARTIAL" }, nil]).partial).toBe("");
  });
});
