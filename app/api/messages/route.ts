import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { ServerTimings } from "@/lib/api/server-timing";
import { conditionalJson } from "@/lib/mail/page-etag";
import { folderSortStore } from "@/lib/settings/folder-sort-store";
import { SORT_PARAM, parseSort } from "@/lib/shared/sort";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  folder: folderPath,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: uid.optional(),
  q: z.string().trim().max(500).optional(),
  field: z.enum(["all", "from", "subject", "body"]).default("all"),
  /** "oldest", or a day (YYYY-MM-DD) to start at: big folders without scrolling (issue 12 point 7). */
  /** An order for this request; without it, the folder's remembered one (PUT /api/folder-sort). */
  sort: z.string().regex(SORT_PARAM).optional(),
  jump: z.union([z.literal("oldest"), z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a date")]).optional(),
});

/** `Server-Timing` says where a list page's time went: the remembered order, the pool, the mail server, the JSON. */
export const GET = withStore(async ({ req, session, store }) => {
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const timings = new ServerTimings();
  const sort = q.q ? undefined : (parseSort(q.sort) ?? (await timings.time("order", () => folderSortStore().get(session.email, q.folder))) ?? undefined);
  const page = await store.listMessages(q.folder, {
    timings,
    limit: q.limit,
    before: q.before,
    search: q.q ? { text: q.q, field: q.field } : undefined,
    sort,
    jump: q.before || q.q || !q.jump ? undefined : q.jump === "oldest" ? "oldest" : { day: q.jump },
    // An older page of a search: the list shows the total from its first page (live updates refresh it).
    keepTotal: q.before !== undefined && !!q.q,
  });
  // Confirming a page the tab already shows (a folder switch) costs a 304 when nothing changed.
  const res = timings.timeSync("json", () => conditionalJson(page, req.headers.get("if-none-match")));
  res.headers.set("Server-Timing", timings.header());
  return res;
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
