import { describe, expect, it } from "vitest";
import { TtlMap } from "@/lib/mail/ttl-map";

describe("TtlMap", () => {
  it("never holds more than its bound: pushing past it drops the least recently used", () => {
    const m = new TtlMap<string, number>(3, 60_000);
    for (let i = 0; i < 10; i++) m.set(`k${i}`, i);
    expect(m.size).toBe(3);
    expect([m.get("k0"), m.get("k6"), m.get("k7"), m.get("k9")]).toEqual([undefined, undefined, 7, 9]);
    m.get("k7"); // k7 used again: k8 is now the oldest
    m.set("k10", 10);
    expect(m.get("k8")).toBeUndefined();
    expect(m.get("k7")).toBe(7);
  });

  it("forgets an entry once it expires", () => {
    let now = 0;
    const m = new TtlMap<string, string>(10, 1_000, () => now);
    m.set("a", "x");
    now = 999;
    expect(m.get("a")).toBe("x");
    now = 1_000;
    expect(m.get("a")).toBeUndefined();
    expect(m.size).toBe(0);
  });
});
