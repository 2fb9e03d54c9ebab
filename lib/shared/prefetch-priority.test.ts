import { describe, expect, it } from "vitest";
import { PrefetchCache, type PrefetchLimits } from "@/lib/shared/prefetch-cache";

const limits: PrefetchLimits = { maxInFlight: 2, maxQueued: 2, maxEntries: 3, maxBytes: 1000, maxMessageSize: 5000, ttlMs: 1000 };

function harness() {
  const asked: { key: string; urgent: boolean }[] = [];
  const waiting = new Map<string, (v: { value: string; bytes: number }) => void>();
  const cache = new PrefetchCache<string>((key, _signal, urgent) => {
    asked.push({ key, urgent });
    return new Promise((resolve) => waiting.set(key, resolve));
  }, limits);
  const answer = async (key: string) => {
    waiting.get(key)!({ value: `detail ${key}`, bytes: 10 });
    await new Promise((r) => setTimeout(r, 0));
  };
  return { cache, asked, answer };
}

// Issue 13: a guess is background work on the server (the GET says so); an open, or a press on the row, is not.
describe("prefetch priority and joining without claiming", () => {
  it("tells the loader which fetches are guesses and which are opens", () => {
    const { cache, asked } = harness();
    cache.prefetch("hovered", 100);
    cache.prefetch("pressed", 100, true);
    cache.open("clicked");
    expect(asked).toEqual([
      { key: "hovered", urgent: false },
      { key: "pressed", urgent: true },
      { key: "clicked", urgent: true },
    ]);
  });

  it("pending() waits for a request under way without taking it: the answer is still kept for the open that claims it", async () => {
    const { cache, answer } = harness();
    expect(cache.pending("a")).toBeNull();
    cache.open("a");
    const joined = cache.pending("a")!;
    await answer("a");
    expect(await joined).toBe("detail a");
    // Not claimed by pending(): the app's own open still finds it (a claim would have dropped it).
    expect(cache.peek("a")).toBe("detail a");
    expect(cache.claim("a")).toEqual({ value: "detail a" });
  });
});
