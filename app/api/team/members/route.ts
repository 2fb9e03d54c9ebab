import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { teamMembers } from "@/lib/team/team-views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ folder: folderPath });

/** The people "Assign" offers in a mailbox. */
export const GET = withStore(async ({ req, session, store }) => {
  const { folder } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await teamMembers(session, store, folder));
});
