import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { composeSchema } from "@/lib/compose/compose-input";
import { saveDraft } from "@/lib/compose/send-message";
import type { SaveDraftResponse } from "@/lib/shared/compose";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Autosave: stores the composer's state as the new version of its draft (POST too, for keepalive on pagehide). */
const save = withStore(async ({ req, session, store }) => {
  const body = composeSchema.parse(await req.json());
  return json<SaveDraftResponse>(await saveDraft(session, store, body));
});
export const PUT = save;
export const POST = save;

const del = z.object({ uid: z.coerce.number().int().min(1) });

/** Discard: removes the draft. */
export const DELETE = withStore(async ({ req, store }) => {
  const { uid } = del.parse(Object.fromEntries(req.nextUrl.searchParams));
  await store.deleteDraft(uid);
  return json({ ok: true });
});
