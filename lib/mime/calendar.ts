import "server-only";
import ICAL from "ical.js";
import type { InviteSummary } from "@/lib/shared/types";

/*
 * Calendar invitations (text/calendar, .ics) summarised for the invite card. Times leave here as ISO
 * instants (or dates for all-day events) and are formatted in the browser, in the viewer's zone.
 * Anything malformed yields no summary rather than an error: the message must still open.
 */

/** Bigger calendar parts are not summarised (the IMAP side fetches at most this much of one). */
export const CALENDAR_MAX_BYTES = 256 * 1024;
const MAX_EVENTS = 5;

export function isCalendar(contentType: string, filename: string | null | undefined): boolean {
  return contentType.toLowerCase() === "text/calendar" || contentType.toLowerCase() === "application/ics" || /\.ics$/i.test(filename ?? "");
}

type Comp = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Offset (seconds east of UTC) of an IANA zone at a wall-clock moment, via Intl; null for unknown zones. */
function ianaOffset(tzid: string, wallUtcMs: number): number | null {
  try {
    const f = new Intl.DateTimeFormat("en-US", { timeZone: tzid, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    // Two passes settle the offset around a DST change.
    let guess = wallUtcMs;
    for (let k = 0; k < 2; k++) {
      const p = Object.fromEntries(f.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
      const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
      const offset = (asUtc - guess) / 1000;
      guess = wallUtcMs - offset * 1000;
      if (k === 1) return offset;
    }
    return null;
  } catch {
    return null;
  }
}

/** The ISO form of DTSTART/DTEND: an instant, a date, or a floating local time. */
function toIso(prop: ReturnType<Comp["getFirstProperty"]>, zones: Map<string, InstanceType<typeof ICAL.Timezone>>): { iso: string; allDay: boolean } | null {
  if (!prop) return null;
  const t = prop.getFirstValue() as Time | null;
  if (!t || typeof t !== "object" || !("year" in t)) return null;
  if (t.isDate) return { iso: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`, allDay: true };
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  if (!Number.isFinite(wall)) return null;
  const tzid = prop.getParameter("tzid");
  const tzName = typeof tzid === "string" ? tzid : null;
  if (t.zone === ICAL.Timezone.utcTimezone || tzName?.toUpperCase() === "UTC") return { iso: new Date(wall).toISOString(), allDay: false };
  if (tzName) {
    const vtz = zones.get(tzName);
    const offset = vtz ? vtz.utcOffset(t) : ianaOffset(tzName.replace(/^\//, ""), wall);
    if (offset !== null && Number.isFinite(offset)) return { iso: new Date(wall - offset * 1000).toISOString(), allDay: false };
  }
  // Floating (or an unknown zone): the viewer's local wall-clock time.
  return { iso: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`, allDay: false };
}

function mailto(v: unknown): string {
  return typeof v === "string" ? v.replace(/^mailto:/i, "").trim() : "";
}

function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim().slice(0, 500) : null;
}

function summarise(ev: Comp, method: string | null, zones: Map<string, InstanceType<typeof ICAL.Timezone>>): InviteSummary | null {
  const start = toIso(ev.getFirstProperty("dtstart"), zones);
  if (!start) return null;
  let end = toIso(ev.getFirstProperty("dtend"), zones);
  if (!end && ev.hasProperty("duration") && !start.allDay && start.iso.endsWith("Z")) {
    const d = ev.getFirstPropertyValue("duration") as InstanceType<typeof ICAL.Duration> | null;
    const secs = d && typeof d.toSeconds === "function" ? d.toSeconds() : NaN;
    if (Number.isFinite(secs)) end = { iso: new Date(Date.parse(start.iso) + secs * 1000).toISOString(), allDay: false };
  }
  const orgProp = ev.getFirstProperty("organizer");
  const orgAddress = mailto(orgProp?.getFirstValue());
  const orgName = orgProp?.getParameter("cn");
  const rrule = ev.getFirstPropertyValue("rrule") as InstanceType<typeof ICAL.Recur> | null;
  const status = text(ev.getFirstPropertyValue("status"))?.toUpperCase() ?? null;
  return {
    title: text(ev.getFirstPropertyValue("summary")) ?? "Untitled event",
    method,
    cancelled: method === "CANCEL" || status === "CANCELLED",
    start: start.iso,
    end: end?.iso ?? null,
    allDay: start.allDay,
    location: text(ev.getFirstPropertyValue("location")),
    organizer: orgAddress || typeof orgName === "string" ? { name: typeof orgName === "string" ? orgName.trim() : "", address: orgAddress } : null,
    attendeeCount: ev.getAllProperties("attendee").length,
    recurring: ev.hasProperty("rrule") || ev.hasProperty("rdate"),
    frequency: rrule && typeof rrule.freq === "string" ? rrule.freq.toLowerCase() : null,
  };
}

/** The events of one iCalendar text; [] when it is not valid iCalendar. */
export function parseInvites(ics: string): InviteSummary[] {
  if (!ics || ics.length > CALENDAR_MAX_BYTES * 2) return [];
  try {
    const root = new ICAL.Component(ICAL.parse(ics) as unknown as unknown[]);
    const cal = root.name === "vcalendar" ? root : root.getFirstSubcomponent("vcalendar");
    if (!cal) return [];
    const method = text(cal.getFirstPropertyValue("method"))?.toUpperCase() ?? null;
    const zones = new Map<string, InstanceType<typeof ICAL.Timezone>>();
    for (const vtz of cal.getAllSubcomponents("vtimezone")) {
      const id = vtz.getFirstPropertyValue("tzid");
      if (typeof id === "string") zones.set(id, new ICAL.Timezone(vtz));
    }
    // Overrides of single occurrences (RECURRENCE-ID) are not separate invitations.
    const events = cal.getAllSubcomponents("vevent").filter((e) => !e.hasProperty("recurrence-id"));
    return events.slice(0, MAX_EVENTS).flatMap((e) => {
      try {
        const s = summarise(e, method, zones);
        return s ? [s] : [];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}
