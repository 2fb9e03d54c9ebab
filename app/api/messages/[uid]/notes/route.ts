import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { addNote, deleteNote, editNote, readMessageTeam } from "@/lib/team/team";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const uidParam = z.object({ uid: uid });
const querySchema = z.object({ folder: folderPath });
// The body's real cap is NOTE_MAX_CHARS (NOTE_TOO_LONG, in words); this only refuses absurd input early.
const body = z.string().max(100_000);
const noteId = z.uuid();
const addSchema = z.object({ folder: folderPath, body });
const editSchema = z.object({ folder: folderPath, id: noteId, body });
const deleteSchema = z.object({ folder: folderPath, id: noteId });

/** The message's assignment and internal notes (never mail: Mailroom's own database). */
export const GET = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const { folder } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await readMessageTeam(session, store, folder, uid));
});

/** Adds a note; "@Name" mentions someone from the mailbox's Assign list. */
export const POST = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const b = addSchema.parse(await readJson(req));
  return json({ note: await addNote(session, store, b.folder, uid, b.body) }, { status: 201 });
});

/** Changes a note's text: its author only. */
export const PATCH = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const b = editSchema.parse(await readJson(req));
  return json({ note: await editNote(session, store, b.folder, uid, b.id, b.body) });
});

/** Deletes a note: its author only. */
export const DELETE = withStore<{ uid: string }>(async ({ req, session, store, params }) => {
  const { uid } = uidParam.parse(params);
  const b = deleteSchema.parse(await readJson(req));
  await deleteNote(session, store, b.folder, uid, b.id);
  return json({ ok: true });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT } = otherMethods(["GET", "POST", "PATCH", "DELETE"]);
