import { describe, expect, it } from "vitest";
import { MAX_STREAMS_PER_SESSION, StreamLimits, type StreamClosedNotice } from "@/lib/realtime/stream-limits";

describe("live-event streams per session", () => {
  it("closes the oldest stream past the cap, telling it why, and keeps other sessions' streams", () => {
    const limits = new StreamLimits();
    const closed: { i: number; notice: StreamClosedNotice }[] = [];
    const other = limits.register("sid-b", () => closed.push({ i: -1, notice: { code: "TOO_MANY_STREAMS", message: "" } }));
    const ends = Array.from({ length: MAX_STREAMS_PER_SESSION + 3 }, (_, i) => limits.register("sid-a", (notice) => closed.push({ i, notice })));
    expect(closed.map((c) => c.i)).toEqual([0, 1, 2]);
    expect(closed[0]!.notice).toMatchObject({ code: "TOO_MANY_STREAMS", message: expect.stringMatching(/live views/) });
    expect(limits.count("sid-a")).toBe(MAX_STREAMS_PER_SESSION);
    expect(limits.count("sid-b")).toBe(1);
    // Ending streams (including one already pushed out) frees their places; the map forgets empty sessions.
    for (const end of ends) end();
    other();
    expect(limits.count("sid-a")).toBe(0);
    expect(limits.sessionCount()).toBe(0);
  });

  it("a stream that closes by itself is not closed again later", () => {
    const limits = new StreamLimits(2);
    const closed: number[] = [];
    const end0 = limits.register("s", () => closed.push(0));
    limits.register("s", () => closed.push(1));
    end0();
    limits.register("s", () => closed.push(2));
    expect(closed).toEqual([]);
    limits.register("s", () => closed.push(3));
    expect(closed).toEqual([1]);
  });
});
