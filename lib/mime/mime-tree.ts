import "server-only";
import libmime from "libmime";
import { decodeRawText } from "@/lib/mime/charset";

/*
 * A small walk over the raw MIME structure, in document order, numbering parts the way IMAP does
 * (RFC 3501 §6.4.5). mailparser's simpleParser flattens a message into one html and one text (and
 * hoists or drops what it cannot place); its MailParser events give leaves but neither the tree nor
 * the IMAP part numbers the attachment route needs. Keeping our own numbering means the same part id
 * opens the same part over IMAP (BODY[n]) and from the POP3 blob, so both stores share one walk.
 *
 * The source is handled as a latin1 string: one character per byte, so slicing never splits bytes
 * and a part's bytes come back exactly with Buffer.from(s, "latin1").
 */

export interface MimeNode {
  /** IMAP part number ("1", "2.1", …); "" for the top-level multipart of a message, which has none. */
  partId: string;
  type: string;
  params: Record<string, string>;
  disposition: string | null;
  dispositionParams: Record<string, string>;
  /** Content-ID without angle brackets. */
  contentId: string | null;
  encoding: string;
  /** Raw header block (latin1), for message/rfc822 header blocks. */
  header: string;
  /** Raw (still transfer-encoded) body, latin1. */
  body: string;
  children: MimeNode[];
  /** For message/rfc822 and message/global: the encapsulated message's root. */
  message: MimeNode | null;
}

// Deeper than any real mail; a bound so a crafted message cannot exhaust the stack.
const MAX_NESTING = 40;

function splitHeader(raw: string): { header: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return /^[\x21-\x39\x3b-\x7e]+:/.test(raw) ? { header: raw, body: "" } : { header: "", body: raw };
  return { header: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

/** Unfolded header lines as [lowercase name, raw value]; the first occurrence of a name wins. */
export function headerMap(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of header.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(i + 1).trim());
  }
  return out;
}

/**
 * A parameter value as text. Raw 8-bit bytes (a filename from an old mailer, with neither RFC 2047 nor
 * RFC 2231) arrive as one latin1 character per byte: they are read by the one set of charset rules
 * (UTF-8 when valid, else detection with `hint` first, lib/mime/charset.ts), as header values are.
 * RFC 2231 values come back from libmime already decoded and are left alone (code points above 0xFF,
 * or a header without 8-bit bytes).
 */
function paramText(val: string, raw8bit: boolean, hint: string | undefined): string {
  const text = raw8bit && /[\x80-\xff]/.test(val) && !/[^\x00-\xff]/.test(val) ? decodeRawText(Buffer.from(val, "latin1"), hint) : val;
  return libmime.decodeWords(text);
}

function parseValue(v: string | undefined, hint?: string): { value: string; params: Record<string, string> } {
  if (!v) return { value: "", params: {} };
  const parsed = libmime.parseHeaderValue(v);
  const raw8bit = /[\x80-\xff]/.test(v);
  const params: Record<string, string> = {};
  const guess = hint ?? (parsed.params?.charset ? String(parsed.params.charset) : undefined);
  for (const [k, val] of Object.entries(parsed.params ?? {})) params[k.toLowerCase()] = paramText(String(val), raw8bit, guess);
  return { value: String(parsed.value ?? "").trim().toLowerCase(), params };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The parts of a multipart body between its boundary lines (preamble and epilogue dropped). */
function splitMultipart(body: string, boundary: string): string[] {
  const re = new RegExp(`(?:^|\\r?\\n)--${escapeRe(boundary)}(--)?[ \\t]*(?=\\r?\\n|$)`, "g");
  const parts: string[] = [];
  let start = -1;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (start >= 0) parts.push(body.slice(start, m.index));
    if (m[1]) return parts;
    start = m.index + m[0].length;
    start += body.startsWith("\r\n", start) ? 2 : body.startsWith("\n", start) ? 1 : 0;
  }
  if (start >= 0 && start < body.length) parts.push(body.slice(start)); // missing final boundary: keep the tail
  return parts;
}

function childId(parent: string, n: number): string {
  return parent ? `${parent}.${n}` : String(n);
}

/**
 * Parses one entity. `partId` is the number IMAP gives this entity; for a message root it is the
 * number of the message/rfc822 part holding it ("" at the top), and `isMessageRoot` applies IMAP's rule
 * that a non-multipart message body is part "1" (or "<n>.1" inside message part n).
 */
function parseEntity(raw: string, partId: string, isMessageRoot: boolean, depth: number): MimeNode {
  const { header, body } = splitHeader(raw);
  const h = headerMap(header);
  const ct = parseValue(h.get("content-type"));
  const cd = parseValue(h.get("content-disposition"), ct.params.charset);
  let type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(ct.value) ? ct.value : "text/plain";
  const boundary = ct.params.boundary;
  if (type.startsWith("multipart/") && !boundary) type = "text/plain"; // RFC 2046: unusable; show it as text
  const node: MimeNode = {
    partId: isMessageRoot && !type.startsWith("multipart/") ? childId(partId, 1) : partId,
    type,
    params: ct.params,
    disposition: cd.value || null,
    dispositionParams: cd.params,
    contentId: h.get("content-id")?.replace(/^\s*<|>\s*$/g, "").trim() || null,
    encoding: (h.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase(),
    header,
    body,
    children: [],
    message: null,
  };
  if (depth >= MAX_NESTING) return node;
  if (type.startsWith("multipart/") && boundary) {
    node.children = splitMultipart(body, boundary).map((p, i) => parseEntity(p, childId(partId, i + 1), false, depth + 1));
  } else if (type === "message/rfc822" || type === "message/global") {
    // RFC 2046 forbids encoding a message part, but some mailers base64 it anyway: read what they sent.
    const inner = /^(base64|quoted-printable)$/.test(node.encoding) ? decodedContent(node).toString("latin1") : body;
    node.message = parseEntity(inner, partId, true, depth + 1);
  }
  return node;
}

/** The tree of a whole message; its root carries the message's own header. */
export function parseMimeTree(source: Buffer | string): MimeNode {
  const raw = typeof source === "string" ? source : source.toString("latin1");
  return parseEntity(raw, "", true, 0);
}

/**
 * The message inside a message/rfc822 part `partId` whose decoded bytes are `raw`: numbered as the whole
 * message's walk numbers it ("<partId>.1", …), so a part listed there is found here by the same id.
 */
export function parseEncapsulated(raw: Buffer, partId: string): MimeNode {
  return parseEntity(raw.toString("latin1"), partId, true, 1);
}

/** Every node of the tree (encapsulated messages included), depth first. */
export function* allNodes(node: MimeNode): Generator<MimeNode> {
  yield node;
  for (const c of node.children) yield* allNodes(c);
  if (node.message) yield* allNodes(node.message);
}

/** The node a part id names: a leaf or a message/rfc822 part (multipart containers are not downloadable). */
export function findPart(root: MimeNode, partId: string): MimeNode | null {
  for (const n of allNodes(root)) {
    if (partId && n.partId === partId && !n.type.startsWith("multipart/")) return n;
  }
  return null;
}

/** The decoded bytes of a leaf (transfer encoding undone); message parts come back as they are. */
export function decodedContent(node: MimeNode): Buffer {
  if (node.encoding === "base64") return Buffer.from(node.body.replace(/[^A-Za-z0-9+/]/g, ""), "base64");
  if (node.encoding === "quoted-printable") {
    const s = node.body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(s, "latin1");
  }
  return Buffer.from(node.body, "latin1");
}
