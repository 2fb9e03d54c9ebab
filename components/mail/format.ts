// Display formatters for the mail UI (client-side: dates use the reader's time zone and locale).
import type { Address, Folder } from "@/lib/shared/types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** One format everywhere (issue 12 point 21): today → "14:05" (locale clock), this year → "3 Nov", older → "3 Nov 2024". */
export function formatListDate(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  if (d.toDateString() === now.toDateString()) {
    return d.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  }
  if (d.getFullYear() === now.getFullYear()) return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** A note's or event's time: "14:05" today, else the list date and the time ("3 Nov, 14:05"). */
export function formatStamp(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const time = d.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  return d.toDateString() === now.toDateString() ? time : `${formatListDate(iso, now)}, ${time}`;
}

/** "Tuesday, 3 November 2025 at 14:05". */
export function formatFullDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "Unknown date";
  return d.toLocaleString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
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
