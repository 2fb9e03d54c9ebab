import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { noteOpened } from "@/lib/activity/record-actions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const uidParam = z.object({ uid: z.coerce.number().int().min(1) });
const querySchema = z.object({ folder: z.string().min(1).max(1000), peek: z.enum(["1", "0"]).optional() });

export const GET = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const detail = await store.getMessage(q.folder, uid, { peek: q.peek === "1" });
  // Opening is reading: it goes in the trail ("Read by Dana"), and the reply check remembers what was seen.
  if (q.peek !== "1") noteOpened(session, store, q.folder, detail);
  return json(detail);
});
