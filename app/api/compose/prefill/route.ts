import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { folderPath, uidNumber } from "@/lib/api/input";
import { prefill } from "@/lib/compose/prefill";
import type { ComposePrefill } from "@/lib/shared/compose";
import { otherMethods } from "@/lib/api/not-allowed";
import { PerKeyLimit } from "@/lib/api/per-key-limit";
import { MailroomError } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  folder: folderPath,
  uid: uidNumber,
  mode: z.enum(["reply", "replyAll", "forward", "forwardAttachment", "draft"]),
});

// Each prefill holds its original (up to 50 MB) and its parse in memory: two at once per session (a
// person opens one composer at a time; a double click is two; colleagues on one shared login each have
// their own), and a bounded number of sessions at once.
const prefills = new PerKeyLimit(2, 200);
const busy = (why: "key" | "keys") =>
  new MailroomError("RATE_LIMITED", why === "key" ? "Another message is being prepared for the composer. Try again in a moment." : "Too many messages are being prepared for composers right now. Try again in a moment.");

/**
 * The composer's starting state for a reply, a forward or a reopened draft. A POST, not a GET: a
 * forward or a draft copies the original's attachments into new uploads, and a GET must change nothing.
 */
export const POST = withStore(async ({ req, session, store }) => {
  const body = schema.parse(await readJson(req));
  return json<ComposePrefill>(await prefills.run(session.sid, () => prefill(session, store, body), busy));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
