import "server-only";
import type { ActivityAction } from "@/lib/shared/collab-types";
import type { ActivityRecord } from "@/lib/activity/activity-store";

// Kept this long; a trail is about recent teamwork, not an audit archive.
export const RETENTION_MS = 180 * 24 * 60 * 60 * 1000;

/** An `activity` row as both backends (SQLite and PostgreSQL) store it: same columns, same types. */
export interface ActivityRow {
  scope: string;
  account: string;
  message_key: string;
  folder: string;
  uid: number;
  action: string;
  actor: string;
  person: string;
  target: string | null;
  at: number;
}

export const toRecord = (r: ActivityRow): ActivityRecord => ({
  scope: r.scope,
  account: r.account,
  messageKey: r.message_key,
  folder: r.folder,
  uid: r.uid,
  action: r.action as ActivityAction,
  actor: r.actor,
  person: r.person,
  ...(r.target !== null ? { target: r.target } : {}),
  at: r.at,
});
