import { describe, expect, it } from "vitest";
import { bodyKey, cachedBodyStats, getCachedBody, putCachedBody } from "@/lib/mime/message-cache";

describe("parsed-body cache bounds (issue 9 §10)", () => {
  it("keeps at most 200 entries, the most recently used, however many keys are pushed", () => {
    for (let i = 0; i < 1000; i++) putCachedBody(bodyKey("a@x.test", `junk-${i}`, "1", i), { html: null, text: `t${i}`, raw: null });
    expect(cachedBodyStats().entries).toBe(200);
    expect(getCachedBody(bodyKey("a@x.test", "junk-0", "1", 0))).toBeNull();
    expect(getCachedBody(bodyKey("a@x.test", "junk-999", "1", 999))?.text).toBe("t999");
  });

  it("keeps its counted bytes under 32 MB, and refuses a body bigger than a quarter of that", () => {
    const big = "x".repeat(2 * 1024 * 1024);
    for (let i = 0; i < 40; i++) putCachedBody(bodyKey("a@x.test", "big", "1", i), { html: null, text: big, raw: null });
    expect(cachedBodyStats().bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    putCachedBody(bodyKey("a@x.test", "huge", "1", 1), { html: null, text: "y".repeat(9 * 1024 * 1024), raw: null });
    expect(getCachedBody(bodyKey("a@x.test", "huge", "1", 1))).toBeNull();
  });
});
