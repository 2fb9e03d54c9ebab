import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { folderPath, uidNumber } from "@/lib/api/input";
import { describeForTrail, recordFlagChange, recordMove } from "@/lib/activity/record-actions";
import { MailroomError } from "@/lib/errors";
import type { ActionResponse } from "@/lib/shared/types";
import type { MovedUids } from "@/lib/mail/store";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["read", "unread", "flag", "unflag"]), folder: folderPath, uids: z.array(uidNumber).min(1).max(5000) }),
  z.object({ action: z.literal("move"), folder: folderPath, uids: z.array(uidNumber).min(1).max(5000), target: folderPath }),
  z.object({ action: z.literal("delete"), folder: folderPath, uids: z.array(uidNumber).min(1).max(5000) }),
]);

export const POST = withStore(async ({ req, session, store }) => {
  const body = schema.parse(await readJson(req));
  // Who did what goes in the trail; and a move needs the Message-IDs before the messages leave.
  const metas = await describeForTrail(store, body.folder, body.uids);
  let res: ActionResponse = { ok: true };
  if (body.action === "move" || body.action === "delete") {
    // Messages someone else already moved or deleted are not an error: the outcome the person wanted
    // (the message is out of this folder) holds, and MOVE by UID is atomic, so there is one copy.
    const present = new Set((metas ?? []).map((m) => m.uid));
    const uids = metas ? body.uids.filter((u) => present.has(u)) : body.uids;
    let gone = body.uids.length - uids.length;
    let destination = body.action === "move" ? body.target : "";
    let moved: MovedUids | undefined;
    try {
      if (uids.length) {
        if (body.action === "move") moved = (await store.move(body.folder, uids, body.target)) || undefined;
        else {
          const out = await store.remove(body.folder, uids);
          destination = typeof out === "string" ? out : out.destination;
          moved = typeof out === "string" ? undefined : out.moved;
        }
        await recordMove(session, store, body.folder, metas ?? [], body.action === "move" ? "moved" : "deleted", destination);
      }
    } catch (err) {
      // Someone else moved it between our look and our MOVE.
      if (!(err instanceof MailroomError && err.code === "MESSAGE_GONE")) throw err;
      gone = body.uids.length;
    }
    // What Undo puts back: the flags read just before the move (absent when that look failed: the page's copy then).
    const movedOld = new Set((moved ?? []).map(([old]) => old));
    const flagsBefore = metas ? metas.filter((m) => movedOld.has(m.uid)).map((m) => ({ uid: m.uid, seen: m.seen, flagged: m.flagged })) : undefined;
    res = { ok: true, destination, ...(gone ? { gone } : {}), ...(moved?.length ? { moved, ...(flagsBefore ? { flagsBefore } : {}) } : {}) };
  } else {
    await store.setFlags(body.folder, body.uids, body.action);
    await recordFlagChange(session, store, body.folder, metas ?? [], body.action);
  }
  return json(res);
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
