import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { markMentionsSeen, teamViews } from "@/lib/team/team-views";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The folder list's team views: each mailbox with assignments or mentions, with its counts. */
export const GET = withStore(async ({ session, store }) => json(await teamViews(session, store)));

const seenSchema = z.object({ folder: folderPath });

/** The person saw a note that mentions them in this mailbox: the mailbox's "Mentions" badge clears. */
export const POST = withStore(async ({ req, session, store }) => {
  const { folder } = seenSchema.parse(await readJson(req));
  await markMentionsSeen(session, store, folder);
  return json({ ok: true });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
