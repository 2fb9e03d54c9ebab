import "server-only";

const CRLF_DOT = Buffer.from("\r\n.");
const EMPTY = Buffer.alloc(0);
const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;

export interface Fed {
  /** Message bytes from this chunk, stuffed dots dropped. */
  bytes: Buffer;
  /** Set when the ".\r\n" terminator was in this chunk: what came after it (the next replies). */
  rest: Buffer | null;
}

/**
 * The data of one multi-line POP3 reply (RFC 1939 §3), fed chunk by chunk, in linear time whatever
 * the line lengths: only the start of a line needs looking at (a stuffed dot, or the "." terminator),
 * so the middle of a long line passes straight through and at most two bytes ("\r\n" or ".\r") are
 * carried to the next chunk. The earlier reader carried a whole unfinished line and re-copied it on
 * every chunk, so one 32 MB line without CRLF cost time in the square of its length.
 */
export class UnstuffReader {
  private carry: Buffer = EMPTY;
  /** The next byte continues a line whose start was already handled. */
  private midLine = false;

  feed(chunk: Buffer): Fed {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = EMPTY;
    const out: Buffer[] = [];
    let pos = 0;
    while (pos < data.length) {
      if (!this.midLine) {
        if (data[pos] !== DOT) {
          this.midLine = true;
          continue;
        }
        if (data.length - pos < 3) {
          this.carry = Buffer.from(data.subarray(pos)); // "." or ".\r": terminator or stuffed dot?
          break;
        }
        if (data[pos + 1] === CR && data[pos + 2] === LF) return { bytes: join(out), rest: data.subarray(pos + 3) };
        pos++; // a stuffed dot
        this.midLine = true;
        continue;
      }
      // Lines that do not start with a dot pass through in one piece, up to the next "\r\n.".
      const next = data.indexOf(CRLF_DOT, pos);
      if (next >= 0) {
        out.push(data.subarray(pos, next + 2));
        pos = next + 2;
        this.midLine = false;
        continue;
      }
      // Hold back a trailing "\r" or "\r\n": the "." that would make it a line start may be in the next chunk.
      let cut = data.length;
      if (data[cut - 1] === LF && data[cut - 2] === CR && cut - 2 >= pos) cut -= 2;
      else if (data[cut - 1] === CR) cut -= 1;
      out.push(data.subarray(pos, cut));
      if (cut < data.length) this.carry = Buffer.from(data.subarray(cut));
      break;
    }
    return { bytes: join(out), rest: null };
  }
}

function join(parts: Buffer[]): Buffer {
  const nonEmpty = parts.filter((p) => p.length);
  if (nonEmpty.length === 0) return EMPTY;
  return nonEmpty.length === 1 ? nonEmpty[0]! : Buffer.concat(nonEmpty);
}
