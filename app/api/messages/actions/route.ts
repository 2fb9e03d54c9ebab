import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import type { ActionResponse } from "@/lib/shared/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.discriminatedUnion("action", [
  z.object({ action: z.enum(["read", "unread", "flag", "unflag"]), folder: z.string().min(1), uids: z.array(z.number().int().min(1)).min(1).max(5000) }),
  z.object({ action: z.literal("move"), folder: z.string().min(1), uids: z.array(z.number().int().min(1)).min(1).max(5000), target: z.string().min(1) }),
  z.object({ action: z.literal("delete"), folder: z.string().min(1), uids: z.array(z.number().int().min(1)).min(1).max(5000) }),
]);

export const POST = withStore(async ({ req, store }) => {
  const body = schema.parse(await req.json());
  let res: ActionResponse = { ok: true };
  if (body.action === "move") {
    await store.move(body.folder, body.uids, body.target);
    res = { ok: true, destination: body.target };
  } else if (body.action === "delete") {
    res = { ok: true, destination: await store.remove(body.folder, body.uids) };
  } else {
    await store.setFlags(body.folder, body.uids, body.action);
  }
  return json(res);
});
