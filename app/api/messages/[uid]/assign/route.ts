import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { assignMessage } from "@/lib/team/team";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const uidParam = z.object({ uid: uid });
const schema = z.object({
  folder: folderPath,
  /** A person id from /api/team/members, or null to unassign. */
  assignee: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable(),
});

/** Assigns the message to someone who can work in its mailbox, or clears the assignment. */
export const POST = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const body = schema.parse(await readJson(req));
  return json({ assignment: await assignMessage(session, store, body.folder, uid, body.assignee) });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
