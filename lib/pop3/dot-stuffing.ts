import "server-only";

const CRLF = Buffer.from("\r\n");
const CRLF_DOT = Buffer.from("\r\n.");
const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;

export interface Unstuffed {
  /** The message bytes in `data`'s complete lines (up to the terminator), stuffed dots dropped. */
  bytes: Buffer;
  /** Offset just after the ".\r\n" terminator, or -1 when it is not in `data`. */
  finished: number;
  /** Without a terminator: where the first incomplete line starts (carry it to the next chunk). */
  end: number;
}

/**
 * One chunk of a multi-line POP3 reply (RFC 1939 §3), where data[0] starts a line: the lines that are
 * complete, with the byte-stuffing undone, and whether the terminating "." line was among them.
 */
export function unstuffLines(data: Buffer): Unstuffed {
  const lastEol = data.lastIndexOf(CRLF);
  // [0, end) holds complete lines: a terminator can only be in there.
  const end = lastEol < 0 ? 0 : lastEol + 2;
  const out: Buffer[] = [];
  let seg = 0;
  let lineStart = 0;
  while (lineStart < end) {
    if (data[lineStart] === DOT) {
      if (data[lineStart + 1] === CR && data[lineStart + 2] === LF) {
        out.push(data.subarray(seg, lineStart));
        return { bytes: Buffer.concat(out), finished: lineStart + 3, end: lineStart + 3 };
      }
      out.push(data.subarray(seg, lineStart)); // drop the stuffed dot
      seg = lineStart + 1;
    }
    const next = data.indexOf(CRLF_DOT, lineStart);
    if (next < 0 || next + 2 >= end) break;
    lineStart = next + 2;
  }
  out.push(data.subarray(seg, end));
  return { bytes: Buffer.concat(out), finished: -1, end };
}
