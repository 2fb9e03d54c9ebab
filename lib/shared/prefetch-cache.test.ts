import { describe, expect, it } from "vitest";
import { PrefetchCache, type PrefetchLimits } from "@/lib/shared/prefetch-cache";

const limits: PrefetchLimits = { maxInFlight: 2, maxQueued: 2, maxEntries: 3, maxBytes: 1000, maxMessageSize: 5000, ttlMs: 1000 };

/** A loader whose answers the test releases one by one, recording what was asked. */
function harness(opts: Partial<PrefetchLimits> = {}) {
  const asked: string[] = [];
  const waiting = new Map<string, { resolve: (v: { value: string; bytes: number }) => void; reject: (e: Error) => void }>();
  let clock = 0;
  const cache = new PrefetchCache<string>(
    (key) => {
      asked.push(key);
      return new Promise((resolve, reject) => waiting.set(key, { resolve, reject }));
    },
    { ...limits, ...opts },
    () => clock,
  );
  const answer = async (key: string, bytes = 100) => {
    waiting.get(key)!.resolve({ value: `detail ${key}`, bytes });
    waiting.delete(key);
    await new Promise((r) => setTimeout(r, 0));
  };
  const fail = async (key: string) => {
    waiting.get(key)!.reject(new Error("boom"));
    waiting.delete(key);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { cache, asked, answer, fail, tick: (ms: number) => (clock += ms) };
}

describe("PrefetchCache bounds", () => {
  it("never has more than maxInFlight requests out; later guesses queue (newest first, bounded) and run as slots free", async () => {
    const h = harness();
    for (const k of ["a", "b", "c", "d", "e"]) h.cache.prefetch(k, 10);
    expect(h.asked).toEqual(["a", "b"]);
    // Queue holds 2, newest first: e, d (c was the oldest guess and is dropped).
    expect(h.cache.stats()).toMatchObject({ inFlight: 2, queued: 2 });
    await h.answer("a");
    expect(h.asked).toEqual(["a", "b", "e"]);
    await h.answer("b");
    await h.answer("e");
    expect(h.asked).toEqual(["a", "b", "e", "d"]);
    await h.answer("d");
    expect(h.asked).not.toContain("c");
    expect(h.cache.stats().inFlight).toBe(0);
  });

  it("keeps at most maxEntries answers, least recently used out first", async () => {
    const h = harness({ maxInFlight: 10 });
    for (const k of ["a", "b", "c", "d"]) {
      h.cache.prefetch(k, 10);
      await h.answer(k);
    }
    expect(h.cache.stats().entries).toBe(3);
    expect(h.cache.has("a")).toBe(false);
    expect(["b", "c", "d"].every((k) => h.cache.has(k))).toBe(true);
  });

  it("keeps at most maxBytes, and never an answer bigger than the whole budget", async () => {
    const h = harness({ maxInFlight: 10, maxEntries: 100 });
    h.cache.prefetch("a", 10);
    await h.answer("a", 600);
    h.cache.prefetch("b", 10);
    await h.answer("b", 600);
    expect(h.cache.stats()).toMatchObject({ entries: 1, bytes: 600 });
    expect(h.cache.has("b")).toBe(true);
    h.cache.prefetch("huge", 10);
    await h.answer("huge", 1001);
    expect(h.cache.has("huge")).toBe(false);
    expect(h.cache.stats().bytes).toBeLessThanOrEqual(1000);
  });

  it("never fetches a message over the size limit, nor one it holds or is already fetching", async () => {
    const h = harness();
    expect(h.cache.prefetch("big", 5001)).toBe(false);
    expect(h.cache.prefetch("nan", Number.NaN)).toBe(false);
    expect(h.cache.prefetch("a", 5000)).toBe(true);
    expect(h.cache.prefetch("a", 5000)).toBe(false);
    await h.answer("a");
    expect(h.cache.prefetch("a", 5000)).toBe(false);
    expect(h.asked).toEqual(["a"]);
  });

  it("an answer older than ttlMs is not used", async () => {
    const h = harness();
    h.cache.prefetch("a", 10);
    await h.answer("a");
    h.tick(1001);
    expect(h.cache.claim("a")).toBeNull();
    expect(h.cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("an open takes the kept answer out of the cache, or joins the request under way without caching its answer", async () => {
    const h = harness();
    h.cache.prefetch("a", 10);
    await h.answer("a");
    expect(h.cache.claim("a")).toEqual({ value: "detail a" });
    expect(h.cache.has("a")).toBe(false);

    h.cache.prefetch("b", 10);
    const claim = h.cache.claim("b");
    expect(claim && "pending" in claim).toBe(true);
    await h.answer("b");
    await expect((claim as { pending: Promise<string> }).pending).resolves.toBe("detail b");
    expect(h.cache.has("b")).toBe(false);
    expect(h.asked).toEqual(["a", "b"]);
  });

  it("a failed prefetch keeps nothing and frees its slot", async () => {
    const h = harness({ maxInFlight: 1 });
    h.cache.prefetch("a", 10);
    h.cache.prefetch("b", 10);
    await h.fail("a");
    expect(h.cache.has("a")).toBe(false);
    expect(h.asked).toEqual(["a", "b"]);
  });

  it("clear() aborts unclaimed requests and empties everything", async () => {
    const signals: AbortSignal[] = [];
    const cache = new PrefetchCache<string>((_k, signal) => (signals.push(signal), new Promise(() => {})), limits);
    cache.prefetch("a", 1);
    cache.prefetch("b", 1);
    cache.prefetch("c", 1);
    cache.clear();
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0, inFlight: 0, queued: 0 });
  });

  it("peek shows a kept answer without taking it (a render may read it; the open's claim takes it)", async () => {
    const h = harness();
    expect(h.cache.peek("a")).toBeNull();
    h.cache.prefetch("a", 10);
    expect(h.cache.peek("a")).toBeNull(); // under way is not kept
    await h.answer("a");
    expect(h.cache.peek("a")).toBe("detail a");
    expect(h.cache.peek("a")).toBe("detail a");
    expect(h.cache.stats().entries).toBe(1);
    h.tick(1001);
    expect(h.cache.peek("a")).toBeNull();
  });

  it("an open starts its request at once, past the in-flight limit, the queue and the size limit; never twice", async () => {
    const h = harness({ maxInFlight: 1 });
    h.cache.prefetch("a", 10);
    h.cache.prefetch("b", 10); // queued
    expect(h.cache.open("b")).toBe(true); // out of the queue, asked now
    expect(h.cache.open("huge")).toBe(true); // a real open is not a guess: no size limit applies
    expect(h.asked).toEqual(["a", "b", "huge"]);
    expect(h.cache.open("a")).toBe(false); // already under way
    expect(h.cache.stats().queued).toBe(0);
    const claim = h.cache.claim("b");
    await h.answer("b");
    await expect((claim as { pending: Promise<string> }).pending).resolves.toBe("detail b");
    await h.answer("a");
    expect(h.cache.open("a")).toBe(false); // kept
    expect(h.asked).toEqual(["a", "b", "huge"]);
  });

  it("an urgent prefetch (a button pressed on the row) goes one over the in-flight limit, no further", () => {
    const h = harness({ maxInFlight: 1 });
    h.cache.prefetch("a", 10);
    h.cache.prefetch("b", 10, true);
    h.cache.prefetch("c", 10, true);
    expect(h.asked).toEqual(["a", "b"]);
    expect(h.cache.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    expect(h.cache.prefetch("big", 6000, true)).toBe(false);
  });
});
