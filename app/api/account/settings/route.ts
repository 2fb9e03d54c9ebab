import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { MailroomError } from "@/lib/errors";
import { saveSettings } from "@/lib/pop3/account";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Partial updates: what is left out keeps its value. saveSettings validates the merged result.
const schema = z
  .object({
    policy: z.enum(["delete", "keep", "keep-days", "delete-when-deleted"]),
    keepDays: z.number().int().min(1).max(3650),
    intervalSeconds: z.number().int().min(15).max(86_400),
  })
  .partial()
  .strict();

export const PUT = withStore(async ({ req, session }) => {
  if (session.protocol !== "pop3") throw new MailroomError("BAD_REQUEST", "These settings are for POP3 accounts only.");
  const body = schema.parse(await readJson(req));
  return json(await saveSettings(session.email, body));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, POST, PATCH, DELETE } = otherMethods(["PUT"]);
