import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { folderName, folderPath } from "@/lib/api/input";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const pathSchema = folderPath;
const createSchema = z.object({ parent: pathSchema.nullable().default(null), name: folderName });
const renameSchema = z.object({ path: pathSchema, newName: folderName });

export const GET = withStore(async ({ store }) => json({ folders: await store.listFolders() }));

export const POST = withStore(async ({ req, store }) => {
  const body = createSchema.parse(await readJson(req));
  return json({ path: await store.createFolder(body.parent, body.name) }, { status: 201 });
});

export const PATCH = withStore(async ({ req, store }) => {
  const body = renameSchema.parse(await readJson(req));
  return json({ path: await store.renameFolder(body.path, body.newName) });
});

export const DELETE = withStore(async ({ req, store }) => {
  const path = pathSchema.parse(req.nextUrl.searchParams.get("path"));
  await store.deleteFolder(path);
  return json({ ok: true });
}, { body: "none" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT } = otherMethods(["GET", "POST", "PATCH", "DELETE"]);
