import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { attachmentDisposition, safeContentType, toWebStream } from "@/lib/api/stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  uid: uid,
  // "2.1", or "2.tnef.0" for the first file inside the winmail.dat at part 2.
  part: z.string().max(64).regex(/^\d+(\.\d+)*(\.tnef\.\d{1,4})?$/, "not a body part id"),
  folder: folderPath,
});

/** Streams an attachment from IMAP to the browser; always a download, never rendered on our origin. */
export const GET = withStore<{ uid: string; part: string }>(async ({ req, store, params }) => {
  const q = schema.parse({ folder: req.nextUrl.searchParams.get("folder"), uid: params.uid, part: params.part });
  const part = await store.openAttachment(q.folder, q.uid, q.part);
  return new Response(toWebStream(part.stream), {
    headers: {
      "Content-Type": safeContentType(part.contentType),
      "Content-Disposition": attachmentDisposition(part.filename),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
});
