import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { attachmentDisposition, toWebStream } from "@/lib/api/stream";
import { MailroomError } from "@/lib/errors";
import { exportMailbox } from "@/lib/pop3/account";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  folder: folderPath.optional(),
  format: z.enum(["mbox", "zip"]).default("mbox"),
});

/** Downloads a folder (or, without folder, the whole account) from the POP3 cache, streamed. */
export const GET = withStore(async ({ req, session }) => {
  if (session.protocol !== "pop3") throw new MailroomError("BAD_REQUEST", "Export is available for POP3 accounts.");
  const q = schema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const out = await exportMailbox(session.email, q.folder ?? null, q.format);
  return new Response(toWebStream(out.stream), {
    headers: {
      "Content-Type": out.contentType,
      "Content-Disposition": attachmentDisposition(out.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
