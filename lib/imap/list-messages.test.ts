import { describe, expect, it } from "vitest";
import type { FetchMessageObject } from "imapflow";
import { toSummary } from "./list-messages";

// A message with "Date: Malformed Date." (Apache mime4j's obsolete.msg, in e2e/corpus) used to throw in toISOString
// and take the whole folder listing down with a 502.
describe("toSummary", () => {
  const base = { seq: 1, uid: 7, flags: new Set<string>(), size: 10 } as unknown as FetchMessageObject;

  it("falls back to the arrival time when the Date header is malformed", () => {
    const m = { ...base, envelope: { date: new Date("Malformed Date."), subject: "x" }, internalDate: new Date("2026-12-01T10:00:00Z") } as FetchMessageObject;
    expect(toSummary(m, null).date).toBe("2026-12-01T10:00:00.000Z");
  });

  it("uses the epoch when no date is usable at all", () => {
    const m = { ...base, envelope: { date: new Date("nope") }, internalDate: new Date("nope") } as FetchMessageObject;
    expect(toSummary(m, null).date).toBe("1970-01-01T00:00:00.000Z");
  });
});
