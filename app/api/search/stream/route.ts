import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { env } from "@/lib/env";
import { folderSearchStream } from "@/lib/mail/search-stream";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  folder: folderPath,
  q: z.string().trim().min(1).max(500),
  field: z.enum(["all", "from", "subject", "body"]).default("all"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A folder search streamed as NDJSON (lib/shared/search-stream.ts): rows show while the server still searches. */
export const GET = withStore(async ({ req, store }) => {
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const body = folderSearchStream(store, { folder: q.folder, text: q.q, field: q.field, limit: q.limit, deadlineMs: env().SEARCH_STREAM_DEADLINE_MS }, req.signal);
  return new Response(body, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "private, no-store", "X-Accel-Buffering": "no" },
  });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
