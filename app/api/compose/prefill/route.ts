import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { prefill } from "@/lib/compose/prefill";
import type { ComposePrefill } from "@/lib/shared/compose";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  folder: z.string().min(1).max(1000),
  uid: z.coerce.number().int().min(1),
  mode: z.enum(["reply", "replyAll", "forward", "forwardAttachment", "draft"]),
});

/** The composer's starting state for a reply, a forward or a reopened draft. */
export const GET = withStore(async ({ req, session, store }) => {
  const q = schema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json<ComposePrefill>(await prefill(session, store, q));
});
