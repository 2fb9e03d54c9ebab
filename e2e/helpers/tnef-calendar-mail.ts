// Messages for the winmail.dat and invitation tests (e2e/tnef-calendar.spec.ts, lib/imap/tnef-calendar.int.test.ts).
import { writeTnef } from "./tnef-writer";

// Every byte value, so a re-encoding anywhere would show in the hash.
export const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 13) % 256))]);
export const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 500 }, (_, i) => i % 256)]);
const b64 = (b: Buffer) => b.toString("base64").replace(/.{76}/g, "$&\r\n");

export const winmail = writeTnef({
  files: [
    { title: "QUARTE~1.PDF", longName: "Quarterly report 2026.pdf", data: pdf },
    { title: "chart.png", data: png },
  ],
  rtf: "{\\rtf1\\ansi{\\fonttbl{\\f0 Calibri;}}\\f0 Minutes from Tuesday\\rquote s meeting are attached.\\par Regards, Dana\\par}",
});

export const invite = (summary: string) =>
  [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mailroom tests//EN", "METHOD:REQUEST", "BEGIN:VEVENT", `UID:${summary.replace(/\W/g, "")}@example.test`,
    "DTSTAMP:20261201T080000Z", "DTSTART:20261210T140000Z", "DTEND:20261210T150000Z", `SUMMARY:${summary}`, "LOCATION:Canteen\\, level 2",
    "ORGANIZER;CN=Priya Natarajan:mailto:priya@example.test", "ATTENDEE;CN=Tom:mailto:tom@example.test", "ATTENDEE:mailto:ana@example.test",
    "ATTENDEE:mailto:lee@example.test", "END:VEVENT", "END:VCALENDAR", "",
  ].join("\r\n");

const head = (user: { email: string }, subject: string, boundary: string, type = "multipart/mixed") =>
  `From: Dana Office <dana.office@example.test>\r\nTo: ${user.email}\r\nSubject: ${subject}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: ${type}; boundary="${boundary}"\r\n\r\n`;
const tnefPart = `Content-Type: application/ms-tnef; name="winmail.dat"\r\nContent-Disposition: attachment; filename="winmail.dat"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(winmail)}\r\n`;

export const tnefOnly = (user: { email: string }) => head(user, "Outlook minutes", "t") + `--t\r\n${tnefPart}--t--\r\n`;
export const calendarAlt = (user: { email: string }) =>
  head(user, "Lunch invitation", "a", "multipart/alternative") +
  `--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJoin us for the team lunch.\r\n` +
  `--a\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n${invite("Team lunch")}--a--\r\n`;
export const brokenCalendar = (user: { email: string }) =>
  head(user, "Broken calendar", "c") +
  `--c\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe calendar below is broken.\r\n` +
  `--c\r\nContent-Type: text/calendar; charset=utf-8\r\nContent-Disposition: attachment; filename="broken.ics"\r\n\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026-99-99\r\nSUMMARY:Broken\r\n--c--\r\n`;
// Over the 4 MB whole-fetch limit: the calendar and winmail.dat parts are fetched by part number.
const padding = Buffer.from(Array.from({ length: 4_600_000 }, (_, i) => (i * 31 + 7) % 256));
export const bigMessage = (user: { email: string }) =>
  head(user, "Big offsite pack", "g") +
  `--g\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe offsite pack is attached.\r\n` +
  `--g\r\nContent-Type: application/octet-stream; name="venue.bin"\r\nContent-Disposition: attachment; filename="venue.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(padding)}\r\n` +
  `--g\r\n${tnefPart}` +
  `--g\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\nContent-Disposition: attachment; filename="offsite.ics"\r\n\r\n${invite("Offsite planning")}--g--\r\n`;

/** Over the whole-fetch limit, with no text part: the body lives only in the winmail.dat. */
export const bigTnefOnly = (user: { email: string }) =>
  head(user, "Big Outlook minutes", "h") +
  `--h\r\nContent-Type: application/octet-stream; name="scan.bin"\r\nContent-Disposition: attachment; filename="scan.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(padding)}\r\n` +
  `--h\r\n${tnefPart}--h--\r\n`;
