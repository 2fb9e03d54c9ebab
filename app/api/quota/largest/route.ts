import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { MailroomError } from "@/lib/errors";
import { hasQuota } from "@/lib/mail/quota-store";
import type { LargestResponse } from "@/lib/shared/quota";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const limitSchema = z.coerce.number().int().min(1).max(100);

/** "Free up space": the largest messages across the account's own folders, with their attachments. */
export const GET = withStore(async ({ req, store }) => {
  const raw = req.nextUrl.searchParams.get("limit");
  const limit = raw === null ? 50 : limitSchema.parse(raw);
  if (!hasQuota(store)) throw new MailroomError("NOT_AVAILABLE", "Free up space is for IMAP accounts: a POP3 account's storage is shown in Settings.");
  return json<LargestResponse>(await store.largestMessages(limit));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
