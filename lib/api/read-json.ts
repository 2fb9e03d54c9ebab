import "server-only";
import { MailroomError } from "@/lib/errors";

/** The largest JSON body any route reads. Mail bodies and files travel as uploads, not as JSON. */
export const JSON_MAX_BYTES = 1024 * 1024;

const tooLarge = () => new MailroomError("PAYLOAD_TOO_LARGE", "This request is too large (the limit is 1 MiB). Shorten the text, or send files as attachments.");

/**
 * A request body read with a byte cap: null when it is larger than `max` (declared or counted as it
 * arrives, so a chunked body is dropped at the cap instead of held whole). Also used by the no-JS
 * sign-in form.
 */
export async function readCappedBody(req: Request, max: number): Promise<Buffer | null> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > max) return null;
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The request's JSON body, read with a byte cap: a declared Content-Length past the cap is refused
 * before any byte is read, and a chunked body is counted as it arrives and dropped at the cap, so a
 * client cannot make the server hold an unbounded body in memory.
 */
export async function readJson(req: Request, max = JSON_MAX_BYTES): Promise<unknown> {
  const body = await readCappedBody(req, max);
  if (body === null) throw tooLarge();
  if (body.length === 0) throw new MailroomError("BAD_REQUEST", "This request needs a JSON body.");

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new MailroomError("BAD_REQUEST", "The request body is not valid UTF-8 text.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MailroomError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}
