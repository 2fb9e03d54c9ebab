import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { joinMailbox, teamMembers } from "@/lib/team/team-views";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ folder: folderPath });

/** The people "Assign" offers in a mailbox. */
export const GET = withStore(async ({ req, session, store }) => {
  const { folder } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await teamMembers(session, store, folder));
});

/** The person works in this mailbox (their browser shows its list): "Assign" offers them there. */
export const POST = withStore(async ({ req, session, store }) => {
  const { folder } = querySchema.parse(await readJson(req));
  await joinMailbox(session, store, folder);
  return json({ ok: true });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
