import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lines, readMbox } from "@/lib/pop3/mbox";
import { capLines } from "@/lib/pop3/cap-lines";
import { UnstuffReader } from "@/lib/pop3/unstuff-reader";

/*
 * Hostile input: one line of many megabytes without a newline. The readers used to re-copy the
 * unfinished line on every chunk (time in the square of its length); these tests fail on that.
 */
const MB = 1024 * 1024;
const CHUNK = 16 * 1024;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function chunks(data: Buffer, size = CHUNK): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

// Time itself is measured by the benchmark (`npm run bench -- --only=mbox_import`), never by a timed test;
// here the exact check is how many bytes the readers copy, which grows with the square of the line when
// a reader re-copies its unfinished line on every chunk.

/** Bytes copied by Buffer.concat and Buffer.from(buffer) while fn runs: the quadratic readers re-copied the growing line. */
async function copiedBytes(fn: () => Promise<void> | void): Promise<number> {
  let copied = 0;
  const concat = Buffer.concat.bind(Buffer);
  const from = Buffer.from.bind(Buffer) as (...a: unknown[]) => Buffer;
  vi.spyOn(Buffer, "concat").mockImplementation(((list: readonly Uint8Array[], total?: number) => {
    const out = concat(list, total);
    copied += out.length;
    return out;
  }) as typeof Buffer.concat);
  vi.spyOn(Buffer, "from").mockImplementation(((...args: unknown[]) => {
    const out = from(...args);
    if (args[0] instanceof Uint8Array) copied += out.length;
    return out;
  }) as typeof Buffer.from);
  try {
    await fn();
  } finally {
    vi.restoreAllMocks();
  }
  return copied;
}
afterEach(() => vi.restoreAllMocks());

describe("line readers run in linear time on one huge line", () => {
  it("mbox lines(): an 8 MB single line is copied about once, not once per chunk", async () => {
    const run = (size: number) => async () => {
      let n = 0;
      for await (const piece of lines(Readable.from(chunks(Buffer.alloc(size, "a"))))) n += piece.bytes.length;
      expect(n).toBe(size);
    };
    // Each byte is copied at most a couple of times (into a piece), not once per later chunk.
    expect(await copiedBytes(run(8 * MB))).toBeLessThan(3 * 8 * MB);
    await run(MB)();
  });

  it("POP3 multi-line reader: an 8 MB single line is copied about once, not once per chunk", async () => {
    const run = (size: number) => () => {
      const reader = new UnstuffReader();
      let n = 0;
      for (const c of chunks(Buffer.alloc(size, "a"))) n += reader.feed(c).bytes.length;
      const end = reader.feed(Buffer.from("\r\n.\r\n"));
      expect(end.rest).not.toBeNull();
      expect(n + end.bytes.length).toBe(size + 2);
    };
    expect(await copiedBytes(run(8 * MB))).toBeLessThan(3 * 8 * MB);
    await run(MB)();
  });
});

describe("byte-identical output", () => {
  it("readMbox keeps a 3 MB line (and the lines around it) byte for byte, in odd chunk sizes (tiny chunks: mbox.test.ts)", async () => {
    const long = Buffer.alloc(3 * MB + 123, "x");
    long[MB] = 0x3e; // a ">" mid-line must stay: only a line's start is unquoted
    const message = Buffer.concat([Buffer.from("From: a@x.test\r\nSubject: long\r\n\r\n>From quoted\r\n"), long, Buffer.from("\r\nFrom mid-body\r\nend\r\n")]);
    const want = Buffer.from(message.toString("latin1").replace(/^>From quoted/m, "From quoted"), "latin1");
    const mbox = Buffer.concat([Buffer.from("From a Thu Jan  1 00:00:00 1970\n"), message, Buffer.from("\n")]);
    for (const size of [1021, 65_537, mbox.length]) {
      const got: Buffer[] = [];
      const parts: Buffer[][] = [];
      const n = await readMbox(Readable.from(chunks(mbox, size)), {
        begin: async () => void parts.push([]),
        write: async (c) => void parts.at(-1)!.push(Buffer.from(c)),
        end: async () => void got.push(Buffer.concat(parts.at(-1)!)),
      });
      expect(n).toBe(1);
      expect(sha(got[0]!)).toBe(sha(want));
    }
  });

  it("the POP3 reader undoes dot-stuffing byte for byte around a long line, however the chunks fall", () => {
    const body = Buffer.concat([Buffer.from(".lead\r\n..two\r\n"), Buffer.alloc(200_000, "y"), Buffer.from("\r\n.\r\nx\r\n\r\n.end")]);
    // Stuff: every line starting with "." gains one; then the terminator and a following reply.
    const stuffed = Buffer.from(`${body.toString("latin1").split("\r\n").map((l) => (l.startsWith(".") ? `.${l}` : l)).join("\r\n")}\r\n.\r\n+OK next\r\n`, "latin1");
    for (const size of [1, 2, 3, 5, 4096, stuffed.length]) {
      if (size === 1 && stuffed.length > 100_000) {
        // one byte at a time over the whole body is slow in a test runner: cover the edges instead
        const reader = new UnstuffReader();
        const head = stuffed.subarray(0, 40);
        const out: Buffer[] = [];
        for (const c of chunks(head, 1)) out.push(reader.feed(c).bytes);
        const rest = reader.feed(stuffed.subarray(40));
        out.push(rest.bytes);
        expect(Buffer.concat(out).equals(Buffer.concat([body, Buffer.from("\r\n")]))).toBe(true);
        expect(rest.rest?.toString()).toBe("+OK next\r\n");
        continue;
      }
      const reader = new UnstuffReader();
      const out: Buffer[] = [];
      let rest: Buffer | null = null;
      for (const c of chunks(stuffed, size)) {
        if (rest) {
          rest = Buffer.concat([rest, c]);
          continue;
        }
        const fed = reader.feed(c);
        out.push(fed.bytes);
        rest = fed.rest;
      }
      expect(Buffer.concat(out).equals(Buffer.concat([body, Buffer.from("\r\n")]))).toBe(true);
      expect(rest?.toString()).toBe("+OK next\r\n");
    }
  });

  it("capLines cuts only lines past the cap and keeps their newline", async () => {
    const input = Buffer.from(`short\n${"z".repeat(50)}\nend`);
    const out: Buffer[] = [];
    for await (const c of Readable.from(chunks(input, 7)).pipe(capLines(10))) out.push(c as Buffer);
    expect(Buffer.concat(out).toString()).toBe(`short\n${"z".repeat(10)}\nend`);
  });
});
