import "server-only";
import libmime from "libmime";
import { decodeBody, onlyWeDecode, resolveCharset } from "@/lib/mime/charset";
import { splitHeaderFields } from "@/lib/mime/raw-headers";

/*
 * A pre-pass over a whole message before mailparser reads it. mailparser decodes a text part by its
 * declared charset and treats a missing or unknown one as UTF-8, so Latin-1 text comes out as U+FFFD,
 * an HTML part whose only charset is a <meta> loses its accents and UTF-16 without a BOM turns into
 * NUL soup. Each text part whose bytes the one decoding module (charset.ts) reads differently is
 * re-written as UTF-8 (base64) in place; every other byte of the message is left as it was.
 */

const MAX_DEPTH = 8;

function headerEnd(buf: Buffer): number {
  const crlf = buf.indexOf("\r\n\r\n");
  const lf = buf.indexOf("\n\n");
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  return lf >= 0 && lf < crlf ? lf + 2 : crlf + 4;
}

function undoTransfer(body: Buffer, cte: string): Buffer {
  if (cte === "base64") return Buffer.from(body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  if (cte === "quoted-printable") {
    // Bytes stay bytes: soft line breaks go, =XX becomes the byte XX (latin1 maps each to one char).
    const text = body.toString("latin1").replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(text, "latin1");
  }
  return body;
}

function base64Lines(buf: Buffer): string {
  return (buf.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

/** The part re-written as UTF-8 when its text needs another reading than mailparser's; null when it is fine. */
function repairText(head: Buffer, body: Buffer, type: string, params: Record<string, string>, cte: string, notes: string[]): Buffer | null {
  const content = undoTransfer(body, cte);
  const declared = params.charset ?? null;
  const decoded = decodeBody(content, declared, { html: type === "text/html" });
  if (decoded.note) notes.push(decoded.note);
  const bomless = !(content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf);
  if (decoded.charset === "utf-8" && !decoded.note && bomless) return null;
  // A known charset that reads the part is what mailparser uses too (UTF-16 aside: it lacks the BOM-less sniff;
  // ISO-2022-JP aside: iconv-lite lacks it, so mailparser would show the escape sequences).
  if (!decoded.note && decoded.charset === resolveCharset(declared) && !decoded.charset.startsWith("utf-16") && !onlyWeDecode(decoded.charset)) return null;
  const kept = splitHeaderFields(head).filter((f) => f.name !== "content-type" && f.name !== "content-transfer-encoding");
  const extra = Object.entries(params)
    .filter(([k]) => k !== "charset" && /^[a-z0-9-]+$/i.test(k))
    .map(([k, v]) => `; ${k}="${String(v).replace(/["\\\r\n]/g, "")}"`)
    .join("");
  const lines = kept.map((f) => Buffer.concat([Buffer.from(`${f.name}: `), f.bytes, Buffer.from("\r\n")]));
  lines.push(Buffer.from(`Content-Type: ${type}; charset=utf-8${extra}\r\nContent-Transfer-Encoding: base64\r\n\r\n`));
  return Buffer.concat([...lines, Buffer.from(base64Lines(Buffer.from(decoded.text, "utf8")) + "\r\n")]);
}

/** Each child part's byte range in a multipart body, split on the boundary's delimiter lines. */
function childRanges(body: Buffer, boundary: string): Array<[number, number]> {
  const delim = Buffer.from(`--${boundary}`);
  const ranges: Array<[number, number]> = [];
  let start = -1;
  let from = 0;
  for (;;) {
    const at = body.indexOf(delim, from);
    if (at < 0) break;
    from = at + delim.length;
    if (at > 0 && body[at - 1] !== 0x0a) continue;
    if (start >= 0) {
      let end = at;
      if (end > 0 && body[end - 1] === 0x0a) end--;
      if (end > 0 && body[end - 1] === 0x0d) end--;
      ranges.push([start, Math.max(start, end)]);
    }
    if (body[from] === 0x2d && body[from + 1] === 0x2d) break; // the closing delimiter
    const eol = body.indexOf(0x0a, from);
    if (eol < 0) break;
    start = eol + 1;
  }
  return ranges;
}

function repairPart(part: Buffer, notes: string[], depth: number): Buffer | null {
  if (depth > MAX_DEPTH) return null;
  const end = headerEnd(part);
  if (end < 0) return null;
  const head = part.subarray(0, end);
  const body = part.subarray(end);
  const fields = splitHeaderFields(head);
  const field = (n: string) => fields.find((f) => f.name === n)?.bytes.toString("latin1") ?? "";
  const parsed = libmime.parseHeaderValue(field("content-type") || "text/plain");
  const type = (parsed.value || "text/plain").toLowerCase();
  const cte = field("content-transfer-encoding").trim().toLowerCase() || "7bit";
  if (type.startsWith("multipart/") && parsed.params.boundary) {
    const pieces: Buffer[] = [];
    let at = 0;
    let changed = false;
    for (const [s, e] of childRanges(body, parsed.params.boundary)) {
      const fixed = repairPart(body.subarray(s, e), notes, depth + 1);
      if (!fixed) continue;
      pieces.push(body.subarray(at, s), fixed);
      at = e;
      changed = true;
    }
    if (!changed) return null;
    pieces.push(body.subarray(at));
    return Buffer.concat([head, ...pieces]);
  }
  if (type === "message/rfc822" && !["base64", "quoted-printable"].includes(cte)) {
    const inner = repairPart(body, notes, depth + 1);
    return inner ? Buffer.concat([head, inner]) : null;
  }
  const attachment = /^\s*attachment/i.test(field("content-disposition"));
  if ((type === "text/plain" || type === "text/html") && !attachment) return repairText(head, body, type, parsed.params, cte, notes);
  return null;
}

/** The message with its text parts readable by mailparser, and what was shown differently from what the message said. */
export function repairBodyCharsets(source: Buffer): { source: Buffer; notes: string[] } {
  const notes: string[] = [];
  try {
    const fixed = repairPart(source, notes, 0);
    return { source: fixed ?? source, notes: [...new Set(notes)] };
  } catch {
    // A message this pass cannot follow is left to mailparser exactly as it came.
    return { source, notes: [] };
  }
}
