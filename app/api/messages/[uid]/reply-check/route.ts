import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { MailroomError } from "@/lib/errors";
import { activityStore } from "@/lib/activity/trail";
import { messageKey } from "@/lib/activity/activity-store";
import { scopeFor } from "@/lib/presence/access";
import { presenceRegistry } from "@/lib/presence/registry";
import { personId } from "@/lib/presence/scope";
import { openedState } from "@/lib/presence/opened";
import { decideReplyCheck } from "@/lib/presence/reply-check";
import type { ReplyCheck } from "@/lib/shared/collab-types";
import { sessionMember, teamStore } from "@/lib/team/team";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const uidParam = z.object({ uid: uid });
const querySchema = z.object({
  folder: folderPath,
  /** When the person opened the message (ISO 8601). */
  since: z.iso.datetime({ offset: true }),
  /** Whether the message was answered when opened ("1"/"0"); without it the server uses what it served at the open. */
  answered: z.enum(["1", "0"]).optional(),
});

/** The collision guard: did someone reply since the message was opened, or is someone replying now? */
export const GET = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const scope = await scopeFor(session, store, q.folder);
  // Fresh FLAGS from the server: another client may have replied without Mailroom knowing.
  const [meta] = await store.describe(q.folder, [uid]);
  if (!meta) throw new MailroomError("MESSAGE_GONE", "This message was moved or deleted by someone else.");
  const me = personId(session.sid);
  const since = Date.parse(q.since);
  const opened = openedState(me, scope.key, uid);
  const answeredAtOpen = q.answered !== undefined ? q.answered === "1" : opened && opened.at <= since + 60_000 ? opened.answered : null;
  const key = messageKey(meta.messageId, q.folder, meta.uidValidity, uid);
  const [trail, [assignment], present] = await Promise.all([activityStore().list(scope, key), teamStore().assignments(scope, [key]), presenceRegistry().snapshot(scope.key, me)]);
  const check: ReplyCheck = decideReplyCheck({
    answeredNow: meta.answered,
    answeredAtOpen,
    since,
    others: present.filter((p) => p.uid === uid),
    trail,
    me,
    assignee: assignment ? { name: assignment.assignee.name, mine: assignment.assignee.id === sessionMember(session).id } : null,
  });
  return json(check);
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
