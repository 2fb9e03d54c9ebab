import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { folderPath, uid as uidSchema } from "@/lib/api/input";
import { MailroomError } from "@/lib/errors";
import { noteOpened } from "@/lib/activity/record-actions";
import type { OpenedResponse } from "@/lib/shared/types";
import { ServerTimings } from "@/lib/api/server-timing";
import { PREFETCH_HEADER } from "@/lib/shared/prefetch-cache";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const uidParam = z.object({ uid: uidSchema });
const folder = folderPath;
// `peek` is accepted for old clients; loading never marks read now, whatever it says.
const querySchema = z.object({ folder, peek: z.enum(["1", "0"]).optional() });
const openedSchema = z.object({ folder });

/**
 * Loads a message without changing it: no \Seen, no trail entry (a GET must be safe to repeat or prefetch).
 * A prefetch says so (PREFETCH_HEADER): it is a guess, so on IMAP it waits behind real opens and lists
 * and never holds the account's last connection. `Server-Timing` says where the time went.
 */
export const GET = withStore<{ uid: string }>(async ({ req, store, params }) => {
  const { uid } = uidParam.parse(params);
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const timings = new ServerTimings();
  const background = req.headers.get(PREFETCH_HEADER) === "1";
  const detail = await store.getMessage(q.folder, uid, { peek: true, background, timings });
  const res = timings.timeSync("json", () => json(detail));
  res.headers.set("Server-Timing", timings.header());
  return res;
});

/**
 * The person opened the message: mark it read, add "read" to the trail ("Read by Dana") and remember
 * what was seen for the reply check. The reading pane sends this as soon as the message is shown.
 */
export const POST = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const body = openedSchema.parse(await readJson(req));
  const [meta] = await store.describe(body.folder, [uid]);
  if (!meta) throw new MailroomError("MESSAGE_GONE", "This message was moved or deleted by someone else.");
  let seen = meta.seen;
  if (!seen) {
    try {
      await store.setFlags(body.folder, [uid], "read");
      seen = true;
    } catch (err) {
      // A read-only shared folder (no "s" right): reading is still allowed, it just stays unread.
      if (!(err instanceof MailroomError && err.code === "PERMISSION_DENIED")) throw err;
    }
  }
  noteOpened(session, store, body.folder, meta);
  return json<OpenedResponse>({ uid, seen });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
