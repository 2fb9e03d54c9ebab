import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseInvites } from "@/lib/mime/calendar";
import { parseMessage } from "@/lib/mime/parse-message";

const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");

describe("calendar invitations", () => {
  it("summarises a simple UTC invitation", () => {
    expect(parseInvites(fixture("invite-simple.ics"))).toEqual([
      {
        title: "Budget review",
        method: "REQUEST",
        cancelled: false,
        start: "2026-12-10T14:00:00.000Z",
        end: "2026-12-10T15:00:00.000Z",
        allDay: false,
        location: "Room 4, Harbour building",
        organizer: { name: "Priya Natarajan", address: "priya@example.com" },
        attendeeCount: 3,
        recurring: false,
        frequency: null,
      },
    ]);
  });

  it("keeps all-day events as dates", () => {
    const [ev] = parseInvites(fixture("invite-allday.ics"));
    expect(ev).toMatchObject({ title: "Office closed", allDay: true, start: "2026-12-24", end: "2026-12-27", organizer: null, attendeeCount: 0 });
  });

  it("converts times through the calendar's own VTIMEZONE and shows the first occurrence of a series", () => {
    const invites = parseInvites(fixture("invite-recurring-tz.ics"));
    // One card: the moved occurrence (RECURRENCE-ID) is part of the series. July is summer time: UTC+2.
    expect(invites).toHaveLength(1);
    expect(invites[0]).toMatchObject({ title: "Team stand-up", start: "2026-07-06T07:30:00.000Z", end: "2026-07-06T08:00:00.000Z", recurring: true, frequency: "weekly" });
  });

  it("converts IANA zone names without a VTIMEZONE, and leaves floating times local", () => {
    const ics = (dt: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\n${dt}\r\nSUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    expect(parseInvites(ics("DTSTART;TZID=America/New_York:20260115T090000"))[0]?.start).toBe("2026-01-15T14:00:00.000Z");
    expect(parseInvites(ics("DTSTART:20260115T090000"))[0]?.start).toBe("2026-01-15T09:00:00");
  });

  it("gives no summary for malformed calendars, and never throws", () => {
    expect(parseInvites(fixture("invite-malformed.ics"))).toEqual([]);
    expect(parseInvites("")).toEqual([]);
    expect(parseInvites("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")).toEqual([]);
    expect(parseInvites("\u0000\u0001garbage")).toEqual([]);
  });

  it("finds an invitation inside multipart/alternative, once even when also attached as invite.ics", async () => {
    const ics = fixture("invite-simple.ics").replace(/\n/g, "\r\n");
    const raw =
      "From: priya@example.com\r\nTo: tom@example.com\r\nSubject: Invitation\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n" +
      "--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nYou are invited.\r\n" +
      `--a\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n${ics}--a--\r\n` +
      `--m\r\nContent-Type: application/ics; name=invite.ics\r\nContent-Disposition: attachment; filename=invite.ics\r\n\r\n${ics}--m--\r\n`;
    const body = await parseMessage(Buffer.from(raw));
    expect(body.text).toContain("You are invited.");
    expect(body.invites?.map((i) => i.title)).toEqual(["Budget review"]);
  });
});
