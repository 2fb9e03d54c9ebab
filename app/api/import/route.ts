import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { MailroomError } from "@/lib/errors";
import { importMbox } from "@/lib/pop3/account";
import { limitBytes } from "@/lib/api/stream";
import { env } from "@/lib/env";
import { folderPath } from "@/lib/api/input";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({ folder: folderPath });

/** Imports the request body (an mbox file, streamed) into a folder of the POP3 cache. */
export const POST = withStore(async ({ req, session }) => {
  if (session.protocol !== "pop3") throw new MailroomError("BAD_REQUEST", "Import is available for POP3 accounts.");
  const q = schema.parse(Object.fromEntries(req.nextUrl.searchParams));
  if (!req.body) throw new MailroomError("BAD_REQUEST", "Send the mbox file as the request body.");
  const max = env().IMPORT_MAX_MB;
  const input = limitBytes(max * 1024 * 1024, `That file is larger than the import limit of ${max} MB.`);
  // pipeline, not pipe: a broken upload must fail the import instead of leaving it waiting.
  pipeline(Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>), input, () => {});
  return json(await importMbox(session.email, q.folder, input));
}, { body: "raw" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
