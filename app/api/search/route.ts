import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { env } from "@/lib/env";
import { searchAllFolders } from "@/lib/mail/search-all";
import type { AllFoldersSearch } from "@/lib/shared/search-types";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  q: z.string().trim().min(1).max(500),
  field: z.enum(["all", "from", "subject", "body"]).default("all"),
  perFolder: z.coerce.number().int().min(1).max(50).default(20),
});

/** "All folders" search: matches grouped by folder, within a deadline and a folder cap. */
export const GET = withStore(async ({ req, store }) => {
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const e = env();
  return json<AllFoldersSearch>(await searchAllFolders(store, q.q, q.field, { deadlineMs: e.SEARCH_ALL_DEADLINE_MS, maxFolders: e.SEARCH_ALL_MAX_FOLDERS, perFolder: q.perFolder }));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
