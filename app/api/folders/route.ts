import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const pathSchema = z.string().min(1).max(1000);
const createSchema = z.object({ parent: pathSchema.nullable().default(null), name: z.string().max(200) });
const renameSchema = z.object({ path: pathSchema, newName: z.string().max(200) });

export const GET = withStore(async ({ store }) => json({ folders: await store.listFolders() }));

export const POST = withStore(async ({ req, store }) => {
  const body = createSchema.parse(await req.json());
  return json({ path: await store.createFolder(body.parent, body.name) }, { status: 201 });
});

export const PATCH = withStore(async ({ req, store }) => {
  const body = renameSchema.parse(await req.json());
  return json({ path: await store.renameFolder(body.path, body.newName) });
});

export const DELETE = withStore(async ({ req, store }) => {
  const path = pathSchema.parse(req.nextUrl.searchParams.get("path"));
  await store.deleteFolder(path);
  return json({ ok: true });
});
