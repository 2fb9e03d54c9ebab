import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { conversationPrefStore } from "@/lib/settings/conversation-pref-store";
import type { ConversationPref } from "@/lib/shared/conversation-types";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({ enabled: z.boolean() }).strict();

/** The "Conversations" toggle, remembered per person (server-side, so every browser shows the same list). */
export const GET = withStore(async ({ session }) => json<ConversationPref>({ enabled: (await conversationPrefStore().get(session.email)) ?? false }));

export const PUT = withStore(async ({ req, session }) => {
  const body = schema.parse(await readJson(req));
  await conversationPrefStore().set(session.email, body.enabled, Date.now());
  return json<ConversationPref>({ enabled: body.enabled });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PATCH, DELETE } = otherMethods(["GET", "PUT"]);
