// Words for the reply collision guard, from the server's ReplyCheck. Browser-safe and pure.
import type { ReplyCheck } from "@/lib/shared/collab-types";

function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"} ago`;
  const h = Math.round(m / 60);
  return `${h} hour${h === 1 ? "" : "s"} ago`;
}

function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? "";
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** A warning to show before sending a reply, or null when nothing collides. */
export function collisionWarning(check: ReplyCheck, now: number = Date.now()): string | null {
  const parts: string[] = [];
  if (check.answeredSince) {
    parts.push(
      check.repliedBy && check.repliedAt
        ? `${check.repliedBy} replied to this message ${ago(check.repliedAt, now)}.`
        : "Someone replied to this message since you opened it.",
    );
  }
  if (check.replying.length) parts.push(`${names(check.replying)} ${check.replying.length === 1 ? "is" : "are"} replying to it right now.`);
  if (check.assignedTo) parts.push(`This is assigned to ${check.assignedTo}.`);
  return parts.length ? parts.join(" ") : null;
}

/**
 * The dialog's question: "Reply anyway?" when the only thing in the way is that the message is
 * someone else's (nobody replied, nobody is replying), "Send anyway?" otherwise.
 */
export function collisionQuestion(check: ReplyCheck): string {
  return check.assignedTo && !check.answeredSince && !check.replying.length ? "Reply anyway?" : "Send anyway?";
}
