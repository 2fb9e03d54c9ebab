import "server-only";
import type { ActivityRecord } from "@/lib/activity/activity-store";
import type { PresencePerson, ReplyCheck } from "@/lib/shared/collab-types";

export interface ReplyCheckInput {
  /** \Answered, read fresh from the server just now. */
  answeredNow: boolean;
  /** \Answered when this person opened the message; null when unknown. */
  answeredAtOpen: boolean | null;
  /** When the person opened the message (epoch ms). */
  since: number;
  /** Others' presence on this message (the asking session already left out). */
  others: PresencePerson[];
  /** The message's trail. */
  trail: ActivityRecord[];
  /** The asking session's person id. */
  me: string;
  /** Who the message is assigned to (lib/team), if anyone; `mine` when it is the asking person. */
  assignee?: { name: string; mine: boolean } | null;
}

/**
 * The collision guard's verdict. \Answered appearing since the open means someone replied, with
 * Mailroom or with any other client; a "replied" line in the trail says who, when it was a Mailroom user.
 * A message assigned to someone else is a collision too: the team agreed they answer it.
 */
export function decideReplyCheck(input: ReplyCheckInput): ReplyCheck {
  const replying = [...new Set(input.others.filter((p) => p.activity === "replying").map((p) => p.name))].sort((a, b) => a.localeCompare(b));
  const reply = input.trail
    .filter((r) => r.action === "replied" && r.person !== input.me && r.at >= input.since)
    .sort((a, b) => b.at - a.at)[0];
  const flagAppeared = input.answeredNow && input.answeredAtOpen === false;
  return {
    answered: input.answeredNow,
    answeredSince: flagAppeared || reply !== undefined,
    replying,
    ...(reply ? { repliedBy: reply.actor, repliedAt: new Date(reply.at).toISOString() } : {}),
    // Assigned to someone else: they are meant to answer it (issue 11, point 5).
    ...(input.assignee && !input.assignee.mine ? { assignedTo: input.assignee.name } : {}),
  };
}
