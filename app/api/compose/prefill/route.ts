import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { folderPath, uidNumber } from "@/lib/api/input";
import { prefill } from "@/lib/compose/prefill";
import type { ComposePrefill } from "@/lib/shared/compose";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  folder: folderPath,
  uid: uidNumber,
  mode: z.enum(["reply", "replyAll", "forward", "forwardAttachment", "draft"]),
});

/**
 * The composer's starting state for a reply, a forward or a reopened draft. A POST, not a GET: a
 * forward or a draft copies the original's attachments into new uploads, and a GET must change nothing.
 */
export const POST = withStore(async ({ req, session, store }) => {
  const body = schema.parse(await readJson(req));
  return json<ComposePrefill>(await prefill(session, store, body));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
