import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { teamViews } from "@/lib/team/team-views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The folder list's team views: each mailbox with assignments or mentions, with its counts. */
export const GET = withStore(async ({ session, store }) => json(await teamViews(session, store)));
