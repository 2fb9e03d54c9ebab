import { describe, expect, it } from "vitest";
import { parseBodySize } from "@/lib/shared/body-size";

describe("parseBodySize", () => {
  it("accepts exactly the size report, clamped", () => {
    expect(parseBodySize({ type: "mailroom-body-size", height: 812.4, width: 600 })).toEqual({ height: 813, width: 600 });
    expect(parseBodySize({ type: "mailroom-body-size", height: 1e9, width: 1e9 })).toEqual({ height: 60000, width: 4000 });
  });

  it("ignores anything else", () => {
    for (const bad of [
      null,
      "mailroom-body-size",
      [],
      { type: "mailroom-body-size", height: 10 },
      { type: "mailroom-body-size", height: 10, width: 10, extra: 1 },
      { type: "other", height: 10, width: 10 },
      { type: "mailroom-body-size", height: "10", width: 10 },
      { type: "mailroom-body-size", height: Number.NaN, width: 10 },
      { type: "mailroom-body-size", height: Infinity, width: 10 },
      { type: "mailroom-body-size", height: -5, width: 10 },
      Object.assign(Object.create({ polluted: true }), { type: "mailroom-body-size", height: 1, width: 1 }),
    ]) {
      expect(parseBodySize(bad)).toBeNull();
    }
  });
});
