import "server-only";
import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { isMailroomError, MailroomError } from "@/lib/errors";
import { quotaExceeded, storageRoom } from "@/lib/mail/storage-quota";
import type { UploadInfo } from "@/lib/shared/compose";
import { storeUpload, tooLarge, uploadLimitBytes } from "@/lib/compose/uploads";

/**
 * Reads one multipart/form-data file field from the request body with busboy and streams it to disk:
 * nothing is held in memory, and the size limit stops it as soon as it is passed.
 */
export async function receiveUpload(email: string, req: Request, opts: { storageLimitBytes?: number } = {}): Promise<UploadInfo> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type) || !req.body) throw new MailroomError("BAD_REQUEST", "Send the file as multipart/form-data.");
  const perFile = uploadLimitBytes();
  // Reject at once when the browser already told us the size (multipart overhead allowed for).
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > perFile + 64 * 1024) throw tooLarge();
  // The account's storage quota (ACCOUNT_STORAGE_MAX_MB) caps the file too; uploads running at the same time may overshoot it by their sizes.
  const room = await storageRoom(email, { limitBytes: opts.storageLimitBytes });
  const full = () => quotaExceeded("The file was not attached.", opts.storageLimitBytes);
  if (Number.isFinite(declared) && declared > room + 64 * 1024) throw full();
  const limit = Math.min(perFile, room);

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
      // Once storing has begun, storeUpload's pipeline sees every error of the file stream and decides
      // the answer: too large or over quota (our own counter), else a form cut short.
      let formBroken = false;
      file.on("error", () => (formBroken = true));
      storeUpload(email, file, { filename: info.filename ?? "attachment", contentType: info.mimeType ?? "application/octet-stream" }, limit).then(resolve, (err: unknown) => {
        if (isMailroomError(err)) fail(err.code === "ATTACHMENT_TOO_LARGE" && room < perFile ? full() : err);
        else fail(formBroken ? badForm(err) : err);
      });
    });
    bb.on("error", (err) => {
      if (!started) fail(badForm(err));
    });
    bb.on("close", () => {
      if (!started) reject(new MailroomError("BAD_REQUEST", "The request had no file in it."));
    });
    body.on("error", fail);
    body.pipe(bb);
  });
}
