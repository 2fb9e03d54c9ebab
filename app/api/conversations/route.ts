import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { listConversations } from "@/lib/mail/conversations";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  folder: folderPath,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: uid.optional(),
});

/** One window of a folder grouped into conversations, with the person's own replies from Sent. */
export const GET = withStore(async ({ req, store }) => {
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listConversations(store, q.folder, { limit: q.limit, before: q.before }));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
