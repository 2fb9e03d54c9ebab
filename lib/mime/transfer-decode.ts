import "server-only";
import { Transform } from "node:stream";

/*
 * Content-Transfer-Encoding undone as a stream, for parts served straight from a stored message
 * (lib/pop3/read-message.ts): the same decoding as mime-tree's decodedContent, a chunk at a time.
 */

/** base64: characters outside the alphabet skipped, decoded four at a time. */
function base64Decoder(): Transform {
  let rest = "";
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const s = rest + chunk.toString("latin1").replace(/[^A-Za-z0-9+/]/g, "");
      const whole = s.length - (s.length % 4);
      rest = s.slice(whole);
      cb(null, Buffer.from(s.slice(0, whole), "base64"));
    },
    flush(cb) {
      cb(null, rest ? Buffer.from(rest, "base64") : undefined);
    },
  });
}

function qpDecode(s: string): Buffer {
  return Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
}

/** quoted-printable: decoded up to the last line break seen, so no soft break or =XX is split. */
function qpDecoder(): Transform {
  let rest = "";
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const s = rest + chunk.toString("latin1");
      const cut = s.lastIndexOf("\n") + 1;
      rest = s.slice(cut);
      cb(null, qpDecode(s.slice(0, cut)));
    },
    flush(cb) {
      cb(null, rest ? qpDecode(rest) : undefined);
    },
  });
}

/** A decoder for the encoding, or null when the bytes are the content (7bit, 8bit, binary, unknown). */
export function transferDecoder(encoding: string): Transform | null {
  if (encoding === "base64") return base64Decoder();
  if (encoding === "quoted-printable") return qpDecoder();
  return null;
}
