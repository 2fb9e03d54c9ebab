// Browser-safe and pure: the bounds are unit-tested (idle-prefetch-plan.test.ts); hooks/use-folder-prefetch.ts runs it.
import type { Folder } from "@/lib/shared/types";

/** At most this many folders' first pages are asked ahead when the tab goes idle after the first screen. */
export const IDLE_PREFETCH_MAX = 4;

// Folders people open most after the inbox, in this order; Trash and Junk are left for a click.
const SPECIAL_ORDER = ["sent", "drafts", "archive"] as const;

/**
 * Which folders to prefetch while idle: the special-use Sent, Drafts and Archive, then folders with
 * unread mail (most unread first), never the folder on screen, one already in the tab's cache, a
 * folder that cannot be opened, or another person's shared folder. At most `max`.
 */
export function planIdlePrefetch(folders: readonly Folder[], current: string, cached: (path: string) => boolean, max = IDLE_PREFETCH_MAX): string[] {
  const eligible = folders.filter((f) => f.selectable && !f.shared && f.path !== current && f.total > 0 && !cached(f.path));
  const special = SPECIAL_ORDER.flatMap((use) => eligible.filter((f) => f.specialUse === use));
  const unread = eligible
    .filter((f) => f.unread > 0 && !special.includes(f) && f.specialUse !== "trash" && f.specialUse !== "junk")
    .sort((a, b) => b.unread - a.unread);
  return [...special, ...unread].slice(0, Math.max(0, max)).map((f) => f.path);
}
