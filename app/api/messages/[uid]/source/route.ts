import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { MailroomError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Larger messages are offered as a download only by other means (export); the dialog shows text. */
const MAX_SOURCE = 25 * 1024 * 1024;

const schema = z.object({ uid, folder: folderPath, download: z.enum(["1", "0"]).optional() });

/**
 * The raw message ("View source"): as text/plain to show, or as message/rfc822 to save as .eml.
 * Never rendered as HTML: nosniff, and an attachment disposition for the download.
 */
export const GET = withStore<{ uid: string }>(async ({ req, store, params }) => {
  const q = schema.parse({ ...Object.fromEntries(req.nextUrl.searchParams), uid: params.uid });
  const raw = await store.readRaw(q.folder, q.uid, MAX_SOURCE).catch((err: unknown) => {
    if (err instanceof MailroomError && err.code === "ATTACHMENT_TOO_LARGE") {
      throw new MailroomError("ATTACHMENT_TOO_LARGE", "This message is too large to show its source here (the limit is 25 MB).");
    }
    throw err;
  });
  const download = q.download === "1";
  return new Response(new Uint8Array(raw), {
    headers: {
      "Content-Type": download ? "message/rfc822" : "text/plain; charset=utf-8",
      ...(download ? { "Content-Disposition": `attachment; filename="message-${q.uid}.eml"` } : {}),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
