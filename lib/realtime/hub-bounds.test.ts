import { describe, expect, it } from "vitest";
import { MemoryHub } from "@/lib/realtime/hub";

describe("MemoryHub topics (issue 9 §10)", () => {
  it("holds a topic only while someone subscribes: 10,000 made-up topics leave none behind", () => {
    const hub = new MemoryHub<number>();
    const subs = Array.from({ length: 10_000 }, (_, i) => hub.subscribe(`acct|junk-${i}`, () => {}));
    expect(hub.topicCount()).toBe(10_000);
    for (const unsubscribe of subs) unsubscribe();
    expect(hub.topicCount()).toBe(0);
    // Publishing to topics nobody follows creates nothing.
    for (let i = 0; i < 1000; i++) hub.publish(`acct|other-${i}`, i);
    expect(hub.topicCount()).toBe(0);
  });
});
