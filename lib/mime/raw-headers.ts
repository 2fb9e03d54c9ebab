import "server-only";
import { parseAddressHeader, type EmailAddress } from "mailparser";
import { decodeHeaderBytes, decodeRawText, isAscii } from "@/lib/mime/charset";
import type { Address } from "@/lib/shared/types";

/*
 * Header fields read from their raw bytes. IMAP's ENVELOPE (and mailparser's headers) read 8-bit
 * header bytes as UTF-8, so a Latin-1 name arrives as U+FFFD; and ENVELOPE keeps one From header
 * where a forger may have sent two. Both are read here from the header block itself.
 */

export interface RawField {
  /** Lower-case field name. */
  name: string;
  /** The unfolded value's bytes, without the leading space. */
  bytes: Buffer;
}

/** The fields of a header block (or of a HEADER.FIELDS fetch), in order, unfolded, as bytes. */
export function splitHeaderFields(block: Buffer): RawField[] {
  const out: RawField[] = [];
  let current: { name: string; parts: Buffer[] } | null = null;
  const flush = () => {
    if (current) out.push({ name: current.name, bytes: trimBytes(Buffer.concat(current.parts)) });
    current = null;
  };
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(0x0a, start);
    if (end < 0) end = block.length;
    const line = block.subarray(start, end > start && block[end - 1] === 0x0d ? end - 1 : end);
    start = end + 1;
    if (line.length === 0) break; // the blank line that ends the header block
    if (line[0] === 0x20 || line[0] === 0x09) {
      current?.parts.push(Buffer.from(" "), trimBytes(line));
      continue;
    }
    flush();
    const colon = line.indexOf(0x3a);
    if (colon <= 0) continue;
    current = { name: line.subarray(0, colon).toString("latin1").trim().toLowerCase(), parts: [line.subarray(colon + 1)] };
  }
  flush();
  return out;
}

function trimBytes(b: Buffer): Buffer {
  let s = 0;
  let e = b.length;
  while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
  return b.subarray(s, e);
}

function flatten(list: EmailAddress[] | undefined, out: Address[] = []): Address[] {
  for (const a of list ?? []) {
    if (a.group) flatten(a.group, out);
    else if (a.address || a.name) out.push({ name: a.name ?? "", address: a.address ?? "" });
  }
  return out;
}

/** An address list: bytes decoded first, then split, then each name's RFC 2047 words (a comma inside one stays a comma). */
export function decodeAddressBytes(bytes: Buffer, hint?: string | null): Address[] {
  try {
    return flatten(parseAddressHeader(decodeRawText(bytes, hint)).value);
  } catch {
    return [];
  }
}

export interface DecodedHeaders {
  subject: string | null;
  /** Every address of every From header, in order. */
  from: Address[];
  fromHeaders: number;
  to: Address[] | null;
  cc: Address[] | null;
  replyTo: Address[] | null;
  /** True when some field carried raw 8-bit bytes (ENVELOPE would have mangled it). */
  eightBit: boolean;
  /** True when an address field has a punycode domain: read here, it is shown in Unicode beside its ASCII form. */
  punycode: boolean;
}

/** Subject and address fields of a header block, decoded by the one set of charset rules. */
export function decodeHeaderBlock(block: Buffer, hint?: string | null): DecodedHeaders {
  const fields = splitHeaderFields(block);
  const pick = (n: string) => fields.filter((f) => f.name === n);
  const list = (n: string) => (pick(n).length ? pick(n).flatMap((f) => decodeAddressBytes(f.bytes, hint)) : null);
  const subject = pick("subject")[0];
  const froms = pick("from");
  return {
    subject: subject ? decodeHeaderBytes(subject.bytes, hint) : null,
    from: froms.flatMap((f) => decodeAddressBytes(f.bytes, hint)),
    fromHeaders: froms.length,
    to: list("to"),
    cc: list("cc"),
    replyTo: list("reply-to"),
    eightBit: fields.some((f) => !isAscii(f.bytes)),
    punycode: fields.some((f) => f.name !== "subject" && /[@.]xn--/i.test(f.bytes.toString("latin1"))),
  };
}
