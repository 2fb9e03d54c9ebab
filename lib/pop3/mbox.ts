import "server-only";

// mboxrd (the variant that round-trips): a body line matching /^>*From / gains one ">" on export and
// loses one on import. Message bytes are otherwise kept as they are, CRLF included.

const FROM_QUOTED = /^>*From /;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const NL = 0x0a;

/** The "From " separator line: envelope sender and an asctime() date in UTC. */
export function fromLine(sender: string | null | undefined, date: Date): string {
  const who = (sender ?? "").replace(/[\s\u0000-\u001f]/g, "") || "MAILER-DAEMON";
  const d = Number.isNaN(date.getTime()) ? new Date(0) : date;
  const p2 = (n: number) => String(n).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, " ");
  return `From ${who} ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}\n`;
}

/** A line, or a piece of a long one: `start` when it begins a line; only the last piece has the "\n". */
export interface LinePiece {
  bytes: Buffer;
  start: boolean;
}

// A line longer than this goes on in pieces of at least this size: the checks at a line's start
// (separator, ">From " quoting) look at its first bytes only, and the rest need not be held whole.
const PIECE = 64 * 1024;

/**
 * Splits a byte stream into lines, in linear time: an unfinished line is kept as a list of chunks and
 * joined once (the earlier reader re-copied it on every chunk: one 32 MB line took seconds of blocked
 * event loop), and past PIECE bytes it is passed on in pieces instead of being held whole.
 */
export async function* lines(source: AsyncIterable<Buffer | string>): AsyncGenerator<LinePiece> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let start = true;
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    let pos = 0;
    let nl: number;
    while ((nl = buf.indexOf(NL, pos)) >= 0) {
      const tail = buf.subarray(pos, nl + 1);
      yield { bytes: partBytes ? Buffer.concat([...parts, tail]) : tail, start };
      parts = [];
      partBytes = 0;
      start = true;
      pos = nl + 1;
    }
    if (pos < buf.length) {
      parts.push(buf.subarray(pos));
      partBytes += buf.length - pos;
      if (partBytes >= PIECE) {
        yield { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), start };
        parts = [];
        partBytes = 0;
        start = false;
      }
    }
  }
  if (partBytes) yield { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), start };
}

const startsFromQuoted = (line: Buffer) => line.length >= 5 && (line[0] === 0x3e || line[0] === 0x46) && FROM_QUOTED.test(line.subarray(0, Math.min(line.length, 200)).toString("latin1"));

/** One message as mboxrd: its From line, its quoted lines, a final newline and the blank separator. */
export async function* mboxEntry(sender: string | null, date: Date, message: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  yield Buffer.from(fromLine(sender, date), "latin1");
  let last: Buffer | null = null;
  for await (const { bytes, start } of lines(message)) {
    yield start && startsFromQuoted(bytes) ? Buffer.concat([Buffer.from(">"), bytes]) : bytes;
    last = bytes;
  }
  yield Buffer.from(last && last[last.length - 1] === NL ? "\n" : "\n\n");
}

export interface MboxSink {
  begin(): Promise<void>;
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

const isBlank = (line: Buffer) => line.equals(Buffer.from("\n")) || line.equals(Buffer.from("\r\n"));
const isSeparator = (line: Buffer) => line.length >= 5 && line.subarray(0, 5).toString("latin1") === "From ";

/**
 * Reads mboxrd as a stream: a "From " line at the start or after a blank line begins a message;
 * ">From " lines lose one ">"; the blank line before the next separator (added on export) is dropped.
 * Each message's bytes go to the sink as they are read.
 */
export async function readMbox(source: AsyncIterable<Buffer | string>, sink: MboxSink): Promise<number> {
  let open = false;
  let held: Buffer | null = null; // the latest line, held back: if a separator follows, its last "\n" goes
  let prevBlank = false;
  let count = 0;
  const finish = async () => {
    if (!open) return;
    if (held) {
      const cut = held[held.length - 1] === NL ? held.subarray(0, held.length - 1) : held;
      if (cut.length) await sink.write(cut);
    }
    await sink.end();
    open = false;
    held = null;
    count++;
  };
  for await (const { bytes: line, start } of lines(source)) {
    if (start && isSeparator(line) && (!open || prevBlank)) {
      await finish();
      await sink.begin();
      open = true;
      prevBlank = false;
      continue;
    }
    prevBlank = start && isBlank(line);
    if (!open) continue; // text before the first separator is not a message
    if (held) await sink.write(held);
    held = start && startsFromQuoted(line) && line[0] === 0x3e ? line.subarray(1) : line;
  }
  await finish();
  return count;
}
