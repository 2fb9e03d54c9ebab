import "server-only";
import { MemoryHub, type Hub } from "@/lib/realtime/hub";
import type { ActivityNotice } from "@/lib/shared/collab-types";
import type { TeamNotice } from "@/lib/shared/team-types";

/**
 * What people do, as opposed to what the mail server reports (hub.ts carries that). The same Hub
 * interface and in-process default; a Redis implementation of Hub serves both when Mailroom runs as
 * several instances. Topics are per presence scope (lib/presence/scope.ts), so an event never reaches
 * a session outside that scope. A scope is one mailbox, so subscribers do not filter by folder path:
 * the owner's "Team" and a colleague's "shared/owner/Team" are the same mailbox under two names.
 */
export type CollabEvent =
  /** The presence on some message of the scope's mailbox changed: subscribers re-read the snapshot. */
  | { type: "presence" }
  | ({ type: "activity"; person: string } & Omit<ActivityNotice, "self">)
  /** An assignment or a note changed (lib/team): subscribers re-read rows, counts and the open message's notes. */
  | ({ type: "team"; person: string } & Omit<TeamNotice, "folder">);

// On globalThis so that dev hot-reload keeps one hub for the registry and the open streams.
export function collabHub(): Hub<CollabEvent> {
  const g = globalThis as Record<string, unknown>;
  return (g.__mailroomCollabHub ??= new MemoryHub<CollabEvent>()) as Hub<CollabEvent>;
}

export function collabTopic(scope: string): string {
  return `collab|${scope}`;
}
