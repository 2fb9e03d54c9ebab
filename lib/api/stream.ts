import "server-only";
import { Transform, type Readable } from "node:stream";
import { MailroomError } from "@/lib/errors";

/**
 * Node stream → web stream, pulling one chunk per read so the browser's pace sets the IMAP pace
 * (backpressure end to end); cancelling the download destroys the source.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await it.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === "string" ? new TextEncoder().encode(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)); // a view, not a copy
        } catch (err) {
          controller.error(err);
        }
      },
      cancel() {
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

const DANGEROUS = /^(text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml|[a-z]+\/[a-z.+-]*xml|text\/javascript|application\/javascript|application\/x-javascript|text\/css|multipart\/)/i;

/** The type we send: anything a browser might render or run on our origin becomes opaque bytes. */
export function safeContentType(type: string): string {
  const clean = type.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(clean) || DANGEROUS.test(clean)) return "application/octet-stream";
  return clean;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266); no paths, quotes or control chars. */
export function attachmentDisposition(filename: string): string {
  const base = filename.replace(/^.*[\\/]/, "").replace(/[\u0000-\u001f\u007f"]/g, "").replace(/^\.+/, "").trim().slice(0, 180) || "attachment";
  const ascii = base.normalize("NFKD").replace(/[^\x20-\x7e]/g, "_").replace(/[%;\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

/** Passes bytes through until `max`, then fails the stream with a clear error (uploads have a size limit). */
export function limitBytes(max: number, message: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new MailroomError("BAD_REQUEST", message));
      else done(null, chunk);
    },
  });
}
