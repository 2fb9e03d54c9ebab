import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { MailroomError } from "@/lib/errors";
import { readTrail } from "@/lib/activity/trail";
import { scopeFor } from "@/lib/presence/access";
import type { ActivityResponse } from "@/lib/shared/collab-types";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const uidParam = z.object({ uid: uid });
const querySchema = z.object({ folder: folderPath });

/** Who in Mailroom read, flagged, moved, deleted or replied to the message, oldest first. */
export const GET = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const { folder } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const scope = await scopeFor(session, store, folder);
  const [meta] = await store.describe(folder, [uid]);
  if (!meta) throw new MailroomError("MESSAGE_GONE", "This message was moved or deleted by someone else.");
  const res: ActivityResponse = { entries: await readTrail(session, scope, folder, meta) };
  return json(res);
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
