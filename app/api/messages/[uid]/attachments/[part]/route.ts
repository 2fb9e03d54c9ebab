import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { MailroomError } from "@/lib/errors";
import { attachmentDisposition, safeContentType, toWebStream } from "@/lib/api/stream";
import { cleanAttachmentName } from "@/lib/shared/attachment-name";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  uid: uid,
  // "2.1", or "2.tnef.0" for the first file inside the winmail.dat at part 2.
  part: z.string().max(64).regex(/^\d+(\.\d+)*(\.tnef\.\d{1,4})?$/, "not a body part id"),
  folder: folderPath,
  /** "1": the image preview under the body, shown inline (only for the image types below). */
  preview: z.enum(["1"]).optional(),
});

// Raster formats browsers decode without running anything; never SVG (it is a document that can script).
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Streams an attachment to the browser; a download, never rendered on our origin (a raster image preview aside). */
export const GET = withStore<{ uid: string; part: string }>(async ({ req, store, params }) => {
  const q = schema.parse({ folder: req.nextUrl.searchParams.get("folder"), uid: params.uid, part: params.part, preview: req.nextUrl.searchParams.get("preview") ?? undefined });
  const part = await store.openAttachment(q.folder, q.uid, q.part);
  const type = safeContentType(part.contentType);
  if (q.preview && !PREVIEWABLE.has(type)) {
    part.stream.destroy();
    throw new MailroomError("NOT_FOUND", "This attachment has no preview.");
  }
  // A preview is shown in an <img>, so inline; the same nosniff and sandbox CSP keep it from ever running.
  // Cleaned again here: names cached before the cleaning existed (POP3) must not reach a download either.
  const disposition = attachmentDisposition(cleanAttachmentName(part.filename, part.contentType));
  return new Response(toWebStream(part.stream), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": q.preview ? disposition.replace(/^attachment/, "inline") : disposition,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
