// Display formatters for the mail UI (client-side: dates use the zone and order chosen in Settings, words the reader's locale).
import type { Address, Folder } from "@/lib/shared/types";
import type { DateFormat } from "@/lib/shared/settings";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The person's Settings choices for dates (issue 12 point 16): zone "" = the browser's own. */
export interface DatePrefs {
  timeZone: string;
  dateFormat: DateFormat;
}
export const AUTO_DATES: DatePrefs = { timeZone: "", dateFormat: "auto" };

/*
 * The choices in force, set by useDatePrefs() (components/mail/use-date-prefs.ts) from the settings store, so
 * plain functions such as a row's accessible name need no extra argument. Components that show a date call
 * that hook, which re-renders them when the choice changes. On the server it stays "auto".
 */
let active: DatePrefs = AUTO_DATES;
export function setDatePrefs(p: DatePrefs): void {
  active = p;
}

// Formatters are costly to build and a list shows hundreds of dates: keep a few (zone × style), bounded.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, style: "parts" | "time" | "weekday", locale?: string): Intl.DateTimeFormat {
  const key = `${zone}|${style}|${locale ?? ""}`;
  let f = formatters.get(key);
  if (f) return f;
  const timeZone = zone || undefined;
  const opts: Record<typeof style, Intl.DateTimeFormatOptions> = {
    parts: { timeZone, year: "numeric", month: "numeric", day: "numeric" },
    time: { timeZone, hour: "numeric", minute: "2-digit" },
    weekday: { timeZone, weekday: "long" },
  };
  try {
    // Numeric parts in a fixed locale so they can be reordered; words and clocks in the reader's locale.
    f = new Intl.DateTimeFormat(style === "parts" ? "en-US" : locale, opts[style]);
  } catch {
    // A zone this browser does not know: its own zone rather than no date at all.
    f = new Intl.DateTimeFormat(style === "parts" ? "en-US" : locale, { ...opts[style], timeZone: undefined });
  }
  if (formatters.size >= 32) formatters.delete(formatters.keys().next().value!);
  formatters.set(key, f);
  return f;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}
function ymdIn(date: Date, zone: string): Ymd {
  const out: Ymd = { y: 0, m: 0, d: 0 };
  for (const p of formatter(zone, "parts").formatToParts(date)) {
    if (p.type === "year") out.y = Number(p.value);
    else if (p.type === "month") out.m = Number(p.value);
    else if (p.type === "day") out.d = Number(p.value);
  }
  return out;
}

/**
 * Today's date in a zone, asked of Intl once per zone and quarter hour rather than once per list row:
 * every zone's midnight falls on a quarter hour of UTC, so the date cannot change within one.
 */
let today: { key: string; ymd: Ymd } | null = null;
function todayIn(now: Date, zone: string): Ymd {
  const key = `${zone}|${Math.floor(now.getTime() / 900_000)}`;
  if (today?.key !== key) today = { key, ymd: ymdIn(now, zone) };
  return today.ymd;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date alone, in the chosen order: "3 Nov 2024" (auto), "03/11/2024", "11/03/2024", "2024-11-03". */
function dateText(x: Ymd, format: DateFormat, withYear: boolean): string {
  if (format === "dmy") return `${pad(x.d)}/${pad(x.m)}/${x.y}`;
  if (format === "mdy") return `${pad(x.m)}/${pad(x.d)}/${x.y}`;
  if (format === "ymd") return `${x.y}-${pad(x.m)}-${pad(x.d)}`;
  return withYear ? `${x.d} ${MONTHS[x.m - 1]} ${x.y}` : `${x.d} ${MONTHS[x.m - 1]}`;
}

/**
 * One format everywhere (issue 12 point 21) in the chosen zone: today → "14:05" (locale clock); then "auto"
 * gives "3 Nov" this year and "3 Nov 2024" before, the numeric formats the whole date in their order.
 * `locale`: the clock's words in that locale rather than this runtime's (a server writing the reader's dates).
 */
export function formatListDate(iso: string, now: Date = new Date(), prefs: DatePrefs = active, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const day = ymdIn(d, prefs.timeZone);
  const today = todayIn(now, prefs.timeZone);
  if (day.y === today.y && day.m === today.m && day.d === today.d) return formatter(prefs.timeZone, "time", locale).format(d);
  return dateText(day, prefs.dateFormat, day.y !== today.y);
}

/** A note's or event's time: "14:05" today, else the list date and the time ("3 Nov, 14:05"). */
export function formatStamp(iso: string, now: Date = new Date(), prefs: DatePrefs = active): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const time = formatter(prefs.timeZone, "time").format(d);
  const list = formatListDate(iso, now, prefs);
  return list === time ? time : `${list}, ${time}`;
}

/**
 * "Tuesday, 3 November 2025, 14:05" (auto: the day before the month, as the list's "3 Nov"; the locale's
 * clock), or "Tuesday, 2025-11-03, 14:05" in a chosen order. Auto used the locale's own long date, which
 * in an en-US browser put the month first ("Tuesday, November 3, 2025") beside a list saying "3 Nov".
 */
export function formatFullDate(iso: string, prefs: DatePrefs = active): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "Unknown date";
  const weekday = formatter(prefs.timeZone, "weekday").format(d);
  const day = ymdIn(d, prefs.timeZone);
  const date = prefs.dateFormat === "auto" ? `${day.d} ${MONTH_NAMES[day.m - 1]} ${day.y}` : dateText(day, prefs.dateFormat, true);
  return `${weekday}, ${date}, ${formatter(prefs.timeZone, "time").format(d)}`;
}

export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, "");
  return `${shown} ${units[unit]}`;
}

const numberFormat = new Intl.NumberFormat("en-US");
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function senderName(from: Address | null): string {
  if (!from) return "(unknown sender)";
  return from.name.trim() || from.address || "(unknown sender)";
}

/** Sent and Drafts rows name who it went to (issue 12 point 6): "To: Carol Chen, bob@example.test". */
export function recipientsText(to: readonly Address[]): string {
  const names = to.map((a) => a.name.trim() || a.address).filter(Boolean);
  return names.length ? `To: ${names.join(", ")}` : "To: (no recipients)";
}

export function subjectText(subject: string): string {
  return subject.trim() || "(no subject)";
}

export function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

export function folderLabel(folder: Pick<Folder, "name" | "path" | "specialUse" | "label">): string {
  if (folder.label) return folder.label;
  if (folder.specialUse === "inbox" || folder.path.toUpperCase() === "INBOX") return "Inbox";
  return folder.name;
}

/** Label for a folder path when the folder list has not loaded (or the folder is gone). */
export function labelForPath(path: string, folders: Folder[]): string {
  const f = folders.find((x) => x.path === path);
  if (f) return folderLabel(f);
  if (path.toUpperCase() === "INBOX") return "Inbox";
  const parts = path.split(/[/.]/);
  return parts[parts.length - 1] || path;
}

/** Short type for an attachment: "PDF", "PNG image", or the MIME type. */
export function describeType(contentType: string, filename: string): string {
  const type = contentType.toLowerCase().split(";")[0].trim();
  const ext = filename.includes(".") ? filename.split(".").pop()!.toUpperCase() : "";
  if (type.startsWith("image/")) return `${ext || type.slice(6).toUpperCase()} image`;
  if (type === "application/pdf") return "PDF document";
  if (type.startsWith("text/")) return ext ? `${ext} text` : "Text";
  if (type === "application/zip") return "ZIP archive";
  return ext ? `${ext} file` : type || "File";
}
