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

/** Splits a byte stream into lines (each keeping its "\n"; the last may lack it). */
export async function* lines(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    const data = carry.length ? Buffer.concat([carry, buf]) : buf;
    let start = 0;
    let nl: number;
    while ((nl = data.indexOf(NL, start)) >= 0) {
      yield data.subarray(start, nl + 1);
      start = nl + 1;
    }
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length) yield carry;
}

const startsFromQuoted = (line: Buffer) => line.length >= 5 && (line[0] === 0x3e || line[0] === 0x46) && FROM_QUOTED.test(line.subarray(0, Math.min(line.length, 200)).toString("latin1"));

/** One message as mboxrd: its From line, its quoted lines, a final newline and the blank separator. */
export async function* mboxEntry(sender: string | null, date: Date, message: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  yield Buffer.from(fromLine(sender, date), "latin1");
  let last: Buffer | null = null;
  for await (const line of lines(message)) {
    yield startsFromQuoted(line) ? Buffer.concat([Buffer.from(">"), line]) : line;
    last = line;
  }
  yield Buffer.from(last && last[last.length - 1] === NL ? "\n" : "\n\n");
}

export interface MboxSink {
  begin(): Promise<void>;
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

const isBlank = (line: Buffer | null) => line !== null && (line.equals(Buffer.from("\n")) || line.equals(Buffer.from("\r\n")));
const isSeparator = (line: Buffer) => line.length >= 5 && line.subarray(0, 5).toString("latin1") === "From ";

/**
 * Reads mboxrd as a stream: a "From " line at the start or after a blank line begins a message;
 * ">From " lines lose one ">"; the blank line before the next separator (added on export) is dropped.
 * Each message's bytes go to the sink as they are read.
 */
export async function readMbox(source: AsyncIterable<Buffer | string>, sink: MboxSink): Promise<number> {
  let open = false;
  let held: Buffer | null = null; // the latest line, held back: if a separator follows, its last "\n" goes
  let prev: Buffer | null = null;
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
  for await (const line of lines(source)) {
    if (isSeparator(line) && (!open || isBlank(prev))) {
      await finish();
      await sink.begin();
      open = true;
      prev = line;
      continue;
    }
    prev = line;
    if (!open) continue; // text before the first separator is not a message
    if (held) await sink.write(held);
    held = startsFromQuoted(line) && line[0] === 0x3e ? line.subarray(1) : line;
  }
  await finish();
  return count;
}
