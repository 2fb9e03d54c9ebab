import "server-only";
import { simpleParser } from "mailparser";
import { repairBodyCharsets } from "@/lib/mime/charset-repair";

export interface ParsedBody {
  /** HTML body as the sender wrote it (cid: images already inlined as data: URIs); hostile until sanitised. */
  html: string | null;
  text: string | null;
  /** Set when the MIME structure could not be parsed: the raw source to show as text. */
  raw: string | null;
  /** Sanitiser output, memoised per setting by the code that renders the body. */
  sanitized?: { html: string; hasRemoteContent: boolean };
  sanitizedRemote?: { html: string; hasRemoteContent: boolean };
  /** Bodies read in another charset than they named, in words for the reader (charset.ts). */
  notes?: string[];
}

const RAW_LIMIT = 1024 * 1024;

/** The raw source as text, for messages nothing else can read; cut at 1 MB so the page stays usable. */
export function rawFallback(source: Buffer): ParsedBody {
  const cut = source.length > RAW_LIMIT;
  const text = source.subarray(0, RAW_LIMIT).toString("utf8") + (cut ? "\n\n[… message source cut at 1 MB …]" : "");
  return { html: null, text: null, raw: text };
}

/**
 * Parses a whole RFC 822 message with mailparser. A message it cannot parse still opens: we fall back
 * to its raw source rather than a blank page or a 500.
 */
export async function parseMessage(source: Buffer): Promise<ParsedBody> {
  try {
    // Text parts with a missing, unknown or wrong charset (or UTF-16) become UTF-8 first: see charset-repair.ts.
    const { source: readable, notes } = repairBodyCharsets(source);
    const parsed = await simpleParser(readable, { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 5 * 1024 * 1024 });
    const html = typeof parsed.html === "string" && parsed.html.trim() ? parsed.html : null;
    const text = parsed.text?.trim() ? parsed.text : null;
    if (!html && !text && source.length > 0 && !looksEmpty(source)) return rawFallback(source);
    return { html, text: text ?? (html ? null : ""), raw: null, ...(notes.length ? { notes } : {}) };
  } catch {
    return rawFallback(source);
  }
}

/** A message whose body is genuinely empty (only headers) is not a parse failure. */
function looksEmpty(source: Buffer): boolean {
  const s = source.toString("latin1");
  const split = s.search(/\r?\n\r?\n/);
  return split < 0 || s.slice(split).trim().length === 0;
}
