import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { scopeFor } from "@/lib/presence/access";
import { HEARTBEAT_MS, presenceRegistry } from "@/lib/presence/registry";
import { personId } from "@/lib/presence/scope";
import type { PresenceResponse } from "@/lib/shared/collab-types";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  folder: z.string().min(1).max(1000),
  uid: z.number().int().min(1),
  activity: z.enum(["viewing", "replying"]).nullable(),
  client: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
});

/**
 * Heartbeat of a person on a message ("viewing" or "replying"), or leaving it (activity null). Answers
 * with everyone else on messages of that folder; changes also go out on /api/events as "presence".
 */
export const POST = withStore(async ({ req, session, store }) => {
  const body = schema.parse(await readJson(req));
  const scope = await scopeFor(session, store, body.folder);
  const me = personId(session.sid);
  const registry = presenceRegistry();
  await registry.beat({ scope: scope.key, folder: body.folder, uid: body.uid, person: me, client: body.client ?? "default", name: session.name, activity: body.activity });
  const people = await registry.snapshot(scope.key, me);
  // Read after the snapshot: a browser keeps a snapshot only if its version is not older than the one shown.
  const res: PresenceResponse = { folder: body.folder, people, version: await registry.version(), heartbeatMs: HEARTBEAT_MS };
  return json(res);
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
