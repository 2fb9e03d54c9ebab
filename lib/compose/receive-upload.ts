import "server-only";
import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { MailroomError } from "@/lib/errors";
import type { UploadInfo } from "@/lib/shared/compose";
import { storeUpload, tooLarge, uploadLimitBytes } from "@/lib/compose/uploads";

/**
 * Reads one multipart/form-data file field from the request body with busboy and streams it to disk:
 * nothing is held in memory, and the size limit stops it as soon as it is passed.
 */
export async function receiveUpload(email: string, req: Request): Promise<UploadInfo> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type) || !req.body) throw new MailroomError("BAD_REQUEST", "Send the file as multipart/form-data.");
  const limit = uploadLimitBytes();
  // Reject at once when the browser already told us the size (multipart overhead allowed for).
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit + 64 * 1024) throw tooLarge();

  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: { "content-type": type }, limits: { files: 1, fields: 4, fileSize: limit + 1, parts: 6 } });
  } catch {
    throw new MailroomError("BAD_REQUEST", "Send the file as multipart/form-data (the boundary is missing).");
  }
  // busboy's own errors (a form cut short, a broken part) are the client's doing, not ours.
  const badForm = (err: unknown) => (err instanceof MailroomError ? err : new MailroomError("BAD_REQUEST", "The upload was cut short or is not valid multipart/form-data. Try again.", { cause: err }));
  const body = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  return new Promise<UploadInfo>((resolve, reject) => {
    let started = false;
    const fail = (err: unknown) => {
      body.unpipe(bb);
      body.destroy();
      reject(err);
    };
    bb.on("file", (_field, file, info) => {
      started = true;
      // Before storeUpload's pipeline listens: an early "Unexpected end of form" must not go uncaught.
      file.on("error", (err) => fail(badForm(err)));
      // busboy stops at fileSize+1 and marks the stream truncated; our own counter throws first.
      storeUpload(email, file, { filename: info.filename ?? "attachment", contentType: info.mimeType ?? "application/octet-stream" }, limit).then(resolve, fail);
    });
    bb.on("error", (err) => fail(badForm(err)));
    bb.on("close", () => {
      if (!started) reject(new MailroomError("BAD_REQUEST", "The request had no file in it."));
    });
    body.on("error", fail);
    body.pipe(bb);
  });
}
