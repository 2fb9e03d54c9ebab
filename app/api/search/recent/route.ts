import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { MAX_RECENT_LENGTH, recentSearchStore, rememberSearch } from "@/lib/search/recent-searches";
import type { RecentSearches } from "@/lib/shared/search-types";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const addSchema = z.object({ q: z.string().trim().min(1).max(MAX_RECENT_LENGTH * 2) });

/** The account's recent searches, newest first (offered under the search box in every browser). */
export const GET = withStore(async ({ session }) => json<RecentSearches>({ searches: await recentSearchStore().list(session.email) }));

export const POST = withStore(async ({ req, session }) => {
  const { q } = addSchema.parse(await readJson(req));
  return json<RecentSearches>({ searches: await rememberSearch(session.email, q) });
});

export const DELETE = withStore(async ({ session }) => {
  await recentSearchStore().clear(session.email);
  return json<RecentSearches>({ searches: [] });
}, { body: "none" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT, PATCH } = otherMethods(["GET", "POST", "DELETE"]);
