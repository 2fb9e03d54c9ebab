import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { deleteUpload } from "@/lib/compose/uploads";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });

/** Removes an attachment from the composer (and its file). */
export const DELETE = withStore<{ id: string }>(async ({ session, params: p }) => {
  await deleteUpload(session.email, params.parse(p).id);
  return json({ ok: true });
}, { body: "none" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
