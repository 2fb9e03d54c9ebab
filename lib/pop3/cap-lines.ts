import "server-only";
import { Transform } from "node:stream";

const NL = 0x0a;

/**
 * Passes a message through with every line cut to `max` bytes (the rest of the line, up to its
 * newline, is dropped). For reading a message's listing (headers, attachment list, search text) only,
 * never for the stored bytes: mailparser holds a text part whole and converts it in one go, so one
 * 32 MB line blocked the event loop for a tenth of a second per message (and a line near the upload
 * limit could exceed the longest string V8 allows). Real mail keeps lines under 1,000 bytes (RFC 5322).
 */
export function capLines(max = 1024 * 1024): Transform {
  let lineBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const out: Buffer[] = [];
      let pos = 0;
      while (pos < chunk.length) {
        const nl = chunk.indexOf(NL, pos);
        const end = nl < 0 ? chunk.length : nl + 1;
        const room = Math.max(0, max - lineBytes);
        const take = Math.min(end - pos, room);
        if (take) out.push(chunk.subarray(pos, pos + take));
        if (nl >= 0 && take < end - pos) out.push(chunk.subarray(nl, nl + 1)); // the newline of a cut line stays
        lineBytes = nl < 0 ? lineBytes + (end - pos) : 0;
        pos = end;
      }
      done(null, out.length === 1 ? out[0] : Buffer.concat(out));
    },
  });
}
