import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { folderPath } from "@/lib/api/input";
import { MailroomError } from "@/lib/errors";
import { folderSortStore } from "@/lib/settings/folder-sort-store";
import { SORT_PARAM, parseSort, sortParam } from "@/lib/shared/sort";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({ folder: folderPath, sort: z.string().regex(SORT_PARAM, "sort is <date|arrival|from|subject|size>-<asc|desc>") }).strict();

/** The Sort menu's choice for a folder of the signed-in account (issue 12 point 3); GET /api/messages applies it. */
export const PUT = withStore(async ({ req, session, store }) => {
  const body = schema.parse(await readJson(req));
  if (!(await store.listFolders()).some((f) => f.path === body.folder)) {
    throw new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.");
  }
  const sort = parseSort(body.sort)!;
  await folderSortStore().set(session.email, body.folder, sort, Date.now());
  return json({ folder: body.folder, sort: sortParam(sort) });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, POST, PATCH, DELETE } = otherMethods(["PUT"]);
