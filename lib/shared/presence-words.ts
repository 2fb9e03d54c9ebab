// Words for presence and the activity trail. Browser-safe and pure, so they are unit-tested.
import type { ActivityEntry, PresencePerson } from "@/lib/shared/collab-types";

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** One chip in the reading pane: "Dana is replying", "Sam is also viewing". */
export function presenceSentence(p: Pick<PresencePerson, "name" | "activity">): string {
  return p.activity === "replying" ? `${p.name} is replying` : `${p.name} is also viewing`;
}

/** The message list row's marker: "Dana is replying, Sam is viewing". */
export function rowPresenceLabel(people: readonly PresencePerson[]): string {
  const replying = people.filter((p) => p.activity === "replying").map((p) => p.name);
  const viewing = people.filter((p) => p.activity !== "replying").map((p) => p.name);
  const parts: string[] = [];
  if (replying.length) parts.push(`${joinNames(replying)} ${replying.length === 1 ? "is" : "are"} replying`);
  if (viewing.length) parts.push(`${joinNames(viewing)} ${viewing.length === 1 ? "is" : "are"} viewing`);
  return parts.join(", ");
}

/** "Read by Dana", "Moved to Archive by you", "Deleted permanently by Sam". */
export function activityLine(e: ActivityEntry, folderLabel: (path: string) => string = (p) => p.split("/").pop() || p): string {
  const who = e.self ? "you" : e.actor;
  switch (e.action) {
    case "read":
      return `Read by ${who}`;
    case "unread":
      return `Marked unread by ${who}`;
    case "flagged":
      return `Flagged by ${who}`;
    case "unflagged":
      return `Unflagged by ${who}`;
    case "moved":
      return `Moved to ${folderLabel(e.target ?? "")} by ${who}`;
    case "deleted":
      return e.target ? `Deleted (moved to ${folderLabel(e.target)}) by ${who}` : `Deleted permanently by ${who}`;
    case "replied":
      return `Replied to by ${who}`;
    case "assigned":
      return `${e.self ? "You" : e.actor} assigned this to ${e.target ?? "someone"}`;
    case "unassigned":
      return `${e.self ? "You" : e.actor} unassigned this`;
    case "noted":
      return `${e.self ? "You" : e.actor} added a note`;
  }
}
