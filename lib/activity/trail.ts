import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { MailSession } from "@/lib/auth/session";
import { messageKey, type ActivityRecord, type ActivityStore, type TrailMailbox } from "@/lib/activity/activity-store";
import { SqliteActivityStore } from "@/lib/activity/sqlite-activity-store";
import { PgActivityStore } from "@/lib/activity/pg-activity-store";
import { chooseStore } from "@/lib/db/backend";
import { collabHub, collabTopic } from "@/lib/realtime/collab-hub";
import { personId } from "@/lib/presence/scope";
import type { ActivityAction, ActivityEntry } from "@/lib/shared/collab-types";

/** A message as the trail identifies it. */
export interface TrailMessage {
  uid: number;
  messageId: string | null;
  uidValidity?: string | null;
}

// A person opening the same message again and again is one "read" per this window.
const READ_DEDUPE_MS = 30 * 60 * 1000;

export function activityStore(): ActivityStore {
  const g = globalThis as Record<string, unknown>;
  g.__mailroomActivity ??= chooseStore<ActivityStore>(
    () => {
      const dir = path.resolve(env().MAILROOM_DATA_DIR);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return new SqliteActivityStore(path.join(dir, "activity.sqlite"));
    },
    (db) => new PgActivityStore(db),
  );
  return g.__mailroomActivity as ActivityStore;
}

const keyOf = (folder: string, m: TrailMessage) => messageKey(m.messageId, folder, m.uidValidity, m.uid);

/**
 * Records what a person did to messages of a mailbox (`scope`, from lib/presence/access.ts scopeFor)
 * and tells the other browsers on it. Never throws: the mail action already happened, and a trail
 * that failed to write must not turn it into an error.
 */
export async function recordActivity(session: MailSession, scope: TrailMailbox, folder: string, messages: TrailMessage[], action: ActivityAction, target?: string, store: ActivityStore = activityStore()): Promise<void> {
  if (!messages.length) return;
  const at = Date.now();
  const person = personId(session.sid);
  const rows: ActivityRecord[] = messages.map((m) => ({
    scope: scope.key,
    account: scope.owner,
    messageKey: keyOf(folder, m),
    folder,
    uid: m.uid,
    action,
    actor: session.name,
    person,
    ...(target !== undefined ? { target } : {}),
    at,
  }));
  try {
    await store.record(rows);
  } catch (err) {
    logger.warn("activity trail write failed", { action, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  collabHub().publish(collabTopic(scope.key), { type: "activity", folder, uids: messages.map((m) => m.uid), action, actor: session.name, person });
}

/** "read" when a person opens a message, once per person and message in READ_DEDUPE_MS. */
export async function recordOpen(session: MailSession, scope: TrailMailbox, folder: string, message: TrailMessage, store: ActivityStore = activityStore()): Promise<void> {
  try {
    const last = await store.latest(scope, keyOf(folder, message), "read", personId(session.sid));
    if (last && Date.now() - last.at < READ_DEDUPE_MS) return;
  } catch {
    // fall through: a duplicate line is better than a missing one
  }
  await recordActivity(session, scope, folder, [message], "read", undefined, store);
}

/**
 * Moved messages take their lines along to the mailbox they went to (a person reading them there
 * sees what happened before). Only messages with a Message-ID: the others' keys name the old folder.
 */
export async function carryTrail(from: TrailMailbox, to: TrailMailbox, messages: TrailMessage[], store: ActivityStore = activityStore()): Promise<void> {
  const keys = messages.filter((m) => m.messageId?.trim()).map((m) => messageKey(m.messageId, "", null, m.uid));
  try {
    await store.copy(from.key, to, keys);
  } catch (err) {
    logger.warn("activity trail copy failed", { error: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * The message's trail in a mailbox, oldest first, in words for the requesting session. A line is the
 * reader's own when this session wrote it or it was written under the reader's name (their other
 * browsers, earlier sign-ins); several people on one login tell themselves apart by name.
 */
export async function readTrail(session: MailSession, scope: TrailMailbox, folder: string, message: TrailMessage, store: ActivityStore = activityStore()): Promise<ActivityEntry[]> {
  const me = personId(session.sid);
  const rows = await store.list(scope, keyOf(folder, message));
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor,
    // The same person in another browser (or before signing in again) too: one sign-in name on the account.
    self: r.person === me || r.actor === session.name,
    at: new Date(r.at).toISOString(),
    folder: r.folder,
    ...(r.target !== undefined ? { target: r.target } : {}),
  }));
}
