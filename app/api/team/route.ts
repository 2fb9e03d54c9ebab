import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { rowsTeam } from "@/lib/team/team-views";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Rows asked about at once: a page of the list and then some. */
const MAX_UIDS = 500;

const querySchema = z.object({
  folder: folderPath,
  /** Comma-separated UIDs of the rows on screen. */
  uids: z
    .string()
    .max(MAX_UIDS * 11)
    .optional()
    .transform((s, ctx) => {
      const parts = s ? s.split(",").filter(Boolean) : [];
      const out: number[] = [];
      for (const p of parts) {
        const r = uid.safeParse(p);
        if (!r.success || !/^\d+$/.test(p)) {
          ctx.addIssue({ code: "custom", message: "uids must be UIDs separated by commas" });
          return z.NEVER;
        }
        out.push(r.data);
      }
      if (out.length > MAX_UIDS) {
        ctx.addIssue({ code: "custom", message: `at most ${MAX_UIDS} uids` });
        return z.NEVER;
      }
      return out;
    }),
});

/** Who the listed messages of a folder are assigned to, and the mailbox's counts (assigned to me, mentions). */
export const GET = withStore(async ({ req, session, store }) => {
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await rowsTeam(session, store, q.folder, q.uids ?? []));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
