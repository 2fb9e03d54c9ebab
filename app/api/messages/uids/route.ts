import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { allUids } from "@/lib/mail/all-uids";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({ folder: folderPath, unseen: z.enum(["1", "0"]).optional() });

/** Every UID of a folder (or its unread ones), newest first: "Select all N" and "Mark all as read". */
export const GET = withStore(async ({ req, store }) => {
  const q = schema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await allUids(store, q.folder, q.unseen === "1"));
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
