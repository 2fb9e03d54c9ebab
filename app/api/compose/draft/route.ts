import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { uid as uidSchema } from "@/lib/api/input";
import { composeSchema } from "@/lib/compose/compose-input";
import { saveDraft } from "@/lib/compose/send-message";
import { DRAFT_KEY, draftMessageId, type SaveDraftResponse } from "@/lib/shared/compose";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Autosave: stores the composer's state as the new version of its draft (POST too, for keepalive on pagehide). */
const save = withStore(async ({ req, session, store }) => {
  const body = composeSchema.parse(await readJson(req));
  return json<SaveDraftResponse>(await saveDraft(session, store, body));
});
export const PUT = save;
export const POST = save;

const del = z.object({ uid: uidSchema.optional(), key: z.string().regex(DRAFT_KEY).optional() });

/** Discard: removes the draft (every saved version of it). */
export const DELETE = withStore(async ({ req, session, store }) => {
  const { uid, key } = del.parse(Object.fromEntries(req.nextUrl.searchParams));
  await store.deleteDraft({ uid: uid ?? null, messageId: key ? draftMessageId(key, session.email) : null });
  return json({ ok: true });
}, { body: "none" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PATCH } = otherMethods(["POST", "PUT", "DELETE"]);
