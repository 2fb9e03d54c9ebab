import "server-only";
import type { Readable } from "node:stream";
import { describeHeader, keepRule, PART_MARK, SLIM_IMAGE_BUDGET } from "@/lib/mime/slim-source";

/*
 * The slim copy (lib/mime/slim-source.ts) of a stored message over the whole-fetch limit, read as a
 * stream so a 50 MB attachment never sits in memory: a line scanner that follows the MIME boundaries,
 * keeps every header and the parts a person reads, and notes where each left-out part's bytes are in
 * the stored file, so a part is later served straight from there by the same IMAP-style part id.
 */

export interface PartRange {
  /** Byte offsets in the stored message: [start, end). */
  start: number;
  end: number;
  encoding: string;
  /** A message part (served raw as .eml) rather than a leaf. */
  message: boolean;
}

export interface SlimCopy {
  source: Buffer;
  /** By the mark each entity carries in the slim copy (x-mailroom-part). */
  ranges: Map<number, PartRange>;
}

// A header block longer than this is cut (the rest is not a header anyone reads).
const HEADER_MAX = 256 * 1024;
// A line longer than this is body data: it cannot be a boundary, and is not held whole.
const LINE_MAX = 64 * 1024;

interface Open {
  mark: number;
  start: number;
  /** Boundaries open when it began: a boundary at a lower index ends it. */
  level: number;
  encoding: string;
  message: boolean;
  leaf: { max: number; cut: boolean; image: boolean; kept: Buffer[]; bytes: number; over: boolean } | null;
}

export async function slimStream(stream: Readable): Promise<SlimCopy> {
  const out: Buffer[] = [];
  const ranges = new Map<number, PartRange>();
  const bounds: string[] = [];
  const open: Open[] = [];
  let mode: "header" | "body" = "header";
  let header: Buffer[] = [];
  let headerBytes = 0;
  let offset = 0;
  let lastTerm = 0;
  let marks = 0;
  let imageBudget = SLIM_IMAGE_BUDGET;

  const close = (entity: Open, end: number) => {
    ranges.set(entity.mark, { start: entity.start, end: Math.max(entity.start, end), encoding: entity.encoding, message: entity.message });
    const leaf = entity.leaf;
    if (!leaf) return;
    let keep = leaf.max > 0 && !leaf.over;
    if (keep && leaf.image) {
      keep = leaf.bytes <= imageBudget;
      if (keep) imageBudget -= leaf.bytes;
    }
    out.push(...(keep && leaf.kept.length ? leaf.kept : [Buffer.from("\r\n")]));
  };

  const endHeader = (bodyStart: number) => {
    const text = Buffer.concat(header).toString("latin1");
    header = [];
    headerBytes = 0;
    const info = describeHeader(text);
    const multipart = info.type.startsWith("multipart/") && info.boundary;
    const message = (info.type === "message/rfc822" || info.type === "message/global") && !/^(base64|quoted-printable)$/.test(info.encoding);
    const mark = multipart ? null : marks++;
    out.push(Buffer.from(mark === null ? "" : `${PART_MARK}: ${mark}\r\n`), Buffer.from(text, "latin1"), Buffer.from("\r\n"));
    if (multipart) {
      bounds.push(info.boundary!);
      mode = "body";
      return;
    }
    const rule = keepRule(info);
    open.push({
      mark: mark!, start: bodyStart, level: bounds.length, encoding: info.encoding, message,
      leaf: message ? null : { ...rule, image: info.type.startsWith("image/"), kept: [], bytes: 0, over: false },
    });
    // An unencoded forwarded message's body is another message: its header comes next.
    mode = message ? "header" : "body";
  };

  const boundaryAt = (line: Buffer): { index: number; last: boolean } | null => {
    if (!bounds.length || line.length > 1000 || line[0] !== 0x2d || line[1] !== 0x2d) return null;
    const s = line.toString("latin1").replace(/[ \t\r\n]+$/, "");
    for (let i = bounds.length - 1; i >= 0; i--) {
      if (s === `--${bounds[i]}`) return { index: i, last: false };
      if (s === `--${bounds[i]}--`) return { index: i, last: true };
    }
    return null;
  };

  const onLine = (line: Buffer, lineStart: boolean, start: number) => {
    const hit = lineStart ? boundaryAt(line) : null;
    if (hit) {
      while (open.length && open[open.length - 1]!.level > hit.index) close(open.pop()!, start - lastTerm);
      if (mode === "header" && header.length) endHeader(start); // a header with no blank line before the boundary
      out.push(Buffer.from(line));
      bounds.length = hit.last ? hit.index : hit.index + 1;
      mode = hit.last ? "body" : "header";
      return;
    }
    if (mode === "header") {
      const blank = lineStart && (line.length === 1 || (line.length === 2 && line[0] === 0x0d)) && line[line.length - 1] === 0x0a;
      if (blank) return endHeader(start + line.length);
      if (headerBytes < HEADER_MAX) {
        header.push(Buffer.from(line)); // a copy: a slice would keep the whole read chunk alive
        headerBytes += line.length;
      }
      return;
    }
    const leaf = open[open.length - 1]?.leaf;
    if (!leaf || leaf.max === 0 || leaf.over) return;
    if (leaf.bytes + line.length <= leaf.max) {
      leaf.kept.push(Buffer.from(line));
      leaf.bytes += line.length;
    } else if (!leaf.cut) {
      leaf.over = true;
      leaf.kept = [];
    } else leaf.max = leaf.bytes; // a text part is cut here; what was kept stays
  };

  let carry: Buffer[] = [];
  let carryBytes = 0;
  let carryAtStart = true;
  let carryOffset = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    let from = 0;
    while (from < buf.length) {
      const nl = buf.indexOf(0x0a, from);
      if (nl < 0) {
        carry.push(buf.subarray(from));
        carryBytes += buf.length - from;
        if (carryBytes > LINE_MAX) {
          // A very long line: body data, passed on in pieces.
          const piece = Buffer.concat(carry);
          onLine(piece, carryAtStart, carryOffset);
          carryOffset += piece.length;
          carry = [];
          carryBytes = 0;
          carryAtStart = false;
        }
        break;
      }
      const line = carry.length ? Buffer.concat([...carry, buf.subarray(from, nl + 1)]) : buf.subarray(from, nl + 1);
      onLine(line, carryAtStart, carryOffset);
      lastTerm = line.length >= 2 && line[line.length - 2] === 0x0d ? 2 : 1;
      carryOffset += line.length;
      carry = [];
      carryBytes = 0;
      carryAtStart = true;
      from = nl + 1;
    }
    offset += buf.length;
  }
  if (carry.length) onLine(Buffer.concat(carry), carryAtStart, carryOffset);
  if (mode === "header" && header.length) endHeader(offset);
  while (open.length) close(open.pop()!, offset);
  return { source: Buffer.concat(out), ranges };
}
