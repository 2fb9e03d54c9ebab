// Words and numbers for the POP3 check-mail and storage UI.
import { formatCount, formatListDate } from "@/components/mail/format";

const MB = 1024 * 1024;

/** Progress sizes: "0.4 MB", "48 MB", "1,234 MB" (whole megabytes once the number is big enough to read). */
export function formatProgressMegabytes(bytes: number): string {
  const mb = Math.max(0, bytes) / MB;
  if (mb > 0 && mb < 10) return `${mb.toFixed(1).replace(/\.0$/, "")} MB`;
  return `${formatCount(Math.round(mb))} MB`;
}

/** Storage sizes: "56.7 MB", then "2.3 GB". */
export function formatStorage(bytes: number): string {
  const mb = Math.max(0, bytes) / MB;
  if (mb >= 1024) return `${(mb / 1024).toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} GB`;
  return `${mb.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
}

/** "412 of 3,000 · 48 MB". */
export function formatProgress(done: number, total: number, bytes: number): string {
  return `${formatCount(done)} of ${formatCount(total)} · ${formatProgressMegabytes(bytes)}`;
}

/** "Last checked 10:42" today, "Last checked Nov 3" earlier. */
export function formatLastChecked(finishedAt: string | null): string {
  if (!finishedAt) return "Not checked yet";
  const when = formatListDate(finishedAt);
  return when ? `Last checked ${when}` : "Not checked yet";
}

export const INTERVAL_CHOICES: { seconds: number; label: string }[] = [
  { seconds: 30, label: "30 seconds" },
  { seconds: 60, label: "1 minute" },
  { seconds: 120, label: "2 minutes" },
  { seconds: 300, label: "5 minutes" },
  { seconds: 900, label: "15 minutes" },
  { seconds: 1800, label: "30 minutes" },
];

export function intervalLabel(seconds: number): string {
  const known = INTERVAL_CHOICES.find((c) => c.seconds === seconds);
  if (known) return known.label;
  if (seconds % 60 === 0) return `${formatCount(seconds / 60)} minutes`;
  return `${formatCount(seconds)} seconds`;
}
