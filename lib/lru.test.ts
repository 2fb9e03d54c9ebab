import { describe, expect, it } from "vitest";
import { Lru } from "@/lib/lru";

describe("Lru", () => {
  it("never holds more than its bound, however many keys arrive", () => {
    const lru = new Lru<string, number>(100, 60_000);
    for (let i = 0; i < 10_000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(100);
    expect(lru.get("k9999")).toBe(9999);
    expect(lru.get("k9899")).toBeUndefined();
  });

  it("evicts the least recently used first", () => {
    const lru = new Lru<string, number>(3, 60_000);
    lru.set("a", 1);
    lru.set("b", 2);
    lru.set("c", 3);
    expect(lru.get("a")).toBe(1);
    lru.set("d", 4);
    expect(lru.has("b")).toBe(false);
    expect([lru.get("a"), lru.get("c"), lru.get("d")]).toEqual([1, 3, 4]);
  });

  it("forgets entries past their expiry", () => {
    let now = 1_000;
    const lru = new Lru<string, string>(10, 5_000, () => now);
    lru.set("a", "x");
    lru.set("b", "y", 1_000);
    now += 1_500;
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe("x");
    now += 4_000;
    expect(lru.has("a")).toBe(false);
    expect(lru.size).toBe(0);
  });
});
