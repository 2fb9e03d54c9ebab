import { describe, expect, it } from "vitest";
import { formatInviteWhen } from "@/components/mail/invite-card";

describe("invite times", () => {
  it("formats an instant in the viewer's zone", () => {
    const when = formatInviteWhen({ start: "2026-12-10T14:00:00.000Z", end: "2026-12-10T15:00:00.000Z", allDay: false }, { locale: "en-US", timeZone: "Asia/Tokyo" });
    expect(when).toMatch(/^Thu, Dec 10, 2026, 11:00\s*PM GMT\+9\s*–\s*Fri, Dec 11, 2026, 12:00\s*AM GMT\+9$/);
  });

  it("shows all-day events by their dates, the exclusive end made inclusive, whatever the zone", () => {
    expect(formatInviteWhen({ start: "2026-12-24", end: "2026-12-27", allDay: true }, { locale: "en-US" })).toMatch(/^Thu, Dec 24\s*–\s*Sat, Dec 26, 2026 \(all day\)$/);
    expect(formatInviteWhen({ start: "2026-12-24", end: "2026-12-25", allDay: true }, { locale: "en-US" })).toBe("Thu, Dec 24, 2026 (all day)");
  });

  it("gives nothing for a missing or invalid start", () => {
    expect(formatInviteWhen({ start: null, end: null, allDay: false })).toBeNull();
    expect(formatInviteWhen({ start: "nonsense", end: null, allDay: false })).toBeNull();
  });
});
