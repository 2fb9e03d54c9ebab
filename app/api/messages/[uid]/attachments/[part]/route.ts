import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { attachmentDisposition, safeContentType, toWebStream } from "@/lib/api/stream";
import { cleanAttachmentName } from "@/lib/shared/attachment-name";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  uid: uid,
  part: z.string().regex(/^\d+(\.\d+)*$/, "not a body part id"),
  folder: folderPath,
});

/** Streams an attachment from IMAP to the browser; always a download, never rendered on our origin. */
export const GET = withStore<{ uid: string; part: string }>(async ({ req, store, params }) => {
  const q = schema.parse({ folder: req.nextUrl.searchParams.get("folder"), uid: params.uid, part: params.part });
  const part = await store.openAttachment(q.folder, q.uid, q.part);
  return new Response(toWebStream(part.stream), {
    headers: {
      "Content-Type": safeContentType(part.contentType),
      // Cleaned again here: names cached before the cleaning existed (POP3) must not reach a download either.
      "Content-Disposition": attachmentDisposition(cleanAttachmentName(part.filename, part.contentType)),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
});
