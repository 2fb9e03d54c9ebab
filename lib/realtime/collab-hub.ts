import "server-only";
import type { Hub } from "@/lib/realtime/hub";
import { sharedState } from "@/lib/shared-state/state";
import type { ActivityNotice } from "@/lib/shared/collab-types";
import type { TeamNotice } from "@/lib/shared/team-types";

/**
 * What people do, as opposed to what the mail server reports (hub.ts carries that). The same Hub
 * interface and backends (lib/shared-state): in-process by default, Redis pub/sub with REDIS_URL. Topics are per presence scope (lib/presence/scope.ts), so an event never reaches
 * a session outside that scope. A scope is one mailbox, so subscribers do not filter by folder path:
 * the owner's "Team" and a colleague's "shared/owner/Team" are the same mailbox under two names.
 */
export type CollabEvent =
  /** The presence on some message of the scope's mailbox changed: subscribers re-read the snapshot. */
  | { type: "presence" }
  | ({ type: "activity"; person: string } & Omit<ActivityNotice, "self">)
  /** An assignment or a note changed (lib/team): subscribers re-read rows, counts and the open message's notes. */
  | ({ type: "team"; person: string } & Omit<TeamNotice, "folder">);

/** The collaboration hub, from the shared-state backend (one per process; across instances with REDIS_URL). */
export function collabHub(): Hub<CollabEvent> {
  return sharedState().hub<CollabEvent>("collab");
}

export function collabTopic(scope: string): string {
  return `collab|${scope}`;
}
