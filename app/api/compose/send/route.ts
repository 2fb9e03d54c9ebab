import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { composeSchema } from "@/lib/compose/compose-input";
import { sendMessage } from "@/lib/compose/send-message";
import { forgetContacts } from "@/lib/compose/contacts";
import type { SendResponse } from "@/lib/shared/compose";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Sends through the configured SMTP server as the signed-in user; SMTP failures come back as SMTP_UNREACHABLE / SMTP_REFUSED. */
export const POST = withStore(async ({ req, session, store }) => {
  const body = composeSchema.parse(await readJson(req));
  const res = await sendMessage(session, store, body);
  forgetContacts(session.email);
  return json<SendResponse>({ ok: true, ...res });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
