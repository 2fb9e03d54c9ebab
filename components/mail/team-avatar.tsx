"use client";

/** Initials of a display name: "Bob P" → "BP", "ana" → "A". */
export function nameInitials(name: string): string {
  const parts = name.replace(/[^\p{L}\p{N} ]/gu, "").trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1]![0] : "")).toUpperCase();
}

// A calm, stable colour per person so two assignees are told apart at a glance.
const TONES = [
  "bg-sky-100 text-sky-800 dark:bg-sky-500/20 dark:text-sky-200",
  "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/20 dark:text-emerald-200",
  "bg-violet-100 text-violet-800 dark:bg-violet-500/20 dark:text-violet-200",
  "bg-amber-100 text-amber-900 dark:bg-amber-500/20 dark:text-amber-200",
  "bg-rose-100 text-rose-800 dark:bg-rose-500/20 dark:text-rose-200",
];
function tone(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) | 0;
  return TONES[Math.abs(h) % TONES.length]!;
}

/** A small round avatar with the person's initials; its accessible name is the person's name. */
export function TeamAvatar({ id, name, size = "sm" }: { id: string; name: string; size?: "sm" | "md" }) {
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold ${tone(id)} ${size === "sm" ? "size-6 text-[10px]" : "size-7 text-[11px]"}`}
    >
      <span aria-hidden="true">{nameInitials(name)}</span>
    </span>
  );
}
