import { describe, expect, it } from "vitest";
import { formatListDate, recipientsText } from "@/components/mail/format";

describe("one date format everywhere (issue 12 point 21)", () => {
  const now = new Date(2026, 11, 4, 18, 0);
  it("shows the time today", () => {
    expect(formatListDate(new Date(2026, 11, 4, 9, 5).toISOString(), now)).toMatch(/9.05/);
  });
  it("shows day then month this year, like the full date before", () => {
    expect(formatListDate(new Date(2026, 9, 31, 12).toISOString(), now)).toBe("31 Oct");
    expect(formatListDate(new Date(2025, 10, 5, 12).toISOString(), now)).toBe("5 Nov 2025");
  });
});

describe("recipients for Sent and Drafts rows (issue 12 point 6)", () => {
  it("names each recipient, by address when nameless", () => {
    expect(recipientsText([{ name: "Carol Chen", address: "carol@example.test" }, { name: "", address: "bob@example.test" }])).toBe("To: Carol Chen, bob@example.test");
    expect(recipientsText([])).toBe("To: (no recipients)");
  });
});

describe("notes and activity use the same date format", () => {
  it("adds the time to the list date", async () => {
    const { formatStamp } = await import("@/components/mail/format");
    const now = new Date(2026, 11, 4, 18, 0);
    expect(formatStamp(new Date(2026, 9, 31, 12).toISOString(), now)).toMatch(/^31 Oct, /);
    expect(formatStamp(new Date(2024, 0, 2, 12).toISOString(), now)).toMatch(/^2 Jan 2024, /);
  });
});

describe("the time zone and date format from Settings (issue 12 point 16)", () => {
  // 20:30 UTC on 10 March 2025 is 09:30 on 11 March in Auckland (NZDT, UTC+13): another calendar day.
  const iso = "2025-03-10T20:30:00.000Z";
  const now = new Date("2026-12-04T12:00:00.000Z");
  const nz = (dateFormat: "auto" | "dmy" | "mdy" | "ymd") => ({ timeZone: "Pacific/Auckland", dateFormat });
  it("shows the date in the chosen zone and order", () => {
    expect(formatListDate(iso, now, nz("auto"))).toBe("11 Mar 2025");
    expect(formatListDate(iso, now, nz("dmy"))).toBe("11/03/2025");
    expect(formatListDate(iso, now, nz("mdy"))).toBe("03/11/2025");
    expect(formatListDate(iso, now, nz("ymd"))).toBe("2025-03-11");
    expect(formatListDate(iso, now, { timeZone: "America/Los_Angeles", dateFormat: "ymd" })).toBe("2025-03-10");
  });
  it("keeps auto's short form this year and the clock today, judged in that zone", () => {
    // 23:00 UTC on 3 Dec is already 4 Dec in Auckland: "today" there, so the clock; in UTC it is yesterday.
    const lateUtc = "2026-12-03T23:00:00.000Z";
    const now = new Date("2026-12-04T02:00:00.000Z");
    expect(formatListDate(lateUtc, now, nz("auto"))).toBe(new Intl.DateTimeFormat(undefined, { timeZone: "Pacific/Auckland", hour: "numeric", minute: "2-digit" }).format(new Date(lateUtc)));
    expect(formatListDate(lateUtc, now, { timeZone: "UTC", dateFormat: "auto" })).toBe("3 Dec");
    expect(formatListDate(lateUtc, now, { timeZone: "UTC", dateFormat: "dmy" })).toBe("03/12/2026");
  });
  it("gives the open message's full date in that zone and order", async () => {
    const { formatFullDate, formatStamp } = await import("@/components/mail/format");
    expect(formatFullDate(iso, nz("ymd"))).toMatch(/^Tuesday, 2025-03-11, 9:30\s?AM$/);
    // Auto: the day before the month, as the list's "11 Mar 2025", whatever the locale's long date does.
    expect(formatFullDate(iso, nz("auto"))).toMatch(/^Tuesday, 11 March 2025, 9:30\s?AM$/);
    expect(formatStamp(iso, now, nz("dmy"))).toMatch(/^11\/03\/2025, 9:30\s?AM$/);
  });
});

describe("a server writing the reader's dates (lib/shared/page-clock.ts)", () => {
  it("words today's time in the reader's locale, not this runtime's", () => {
    const now = new Date("2026-12-04T18:00:00.000Z");
    const iso = "2026-12-04T14:05:00.000Z";
    const prefs = { timeZone: "UTC", dateFormat: "auto" as const };
    expect(formatListDate(iso, now, prefs, "en-GB")).toBe("14:05");
    expect(formatListDate(iso, now, prefs, "en-US")).toMatch(/^2:05\sPM$/);
    expect(formatListDate(iso, now, prefs, "de-DE")).toBe("14:05");
    // Other days are in the chosen order whatever the locale.
    expect(formatListDate("2026-10-31T12:00:00.000Z", now, prefs, "en-US")).toBe("31 Oct");
  });
});
