import "server-only";
import { simpleParser } from "mailparser";
import type { InviteSummary } from "@/lib/shared/types";
import type { TnefListing } from "@/lib/mime/tnef";
import { readAttachedParts } from "@/lib/mime/attached-parts";

export interface ParsedBody {
  /** HTML body as the sender wrote it (cid: images already inlined as data: URIs); hostile until sanitised. */
  html: string | null;
  text: string | null;
  /** Set when the MIME structure could not be parsed: the raw source to show as text. */
  raw: string | null;
  /** Sanitiser output, memoised per setting by the code that renders the body. */
  sanitized?: { html: string; hasRemoteContent: boolean };
  sanitizedRemote?: { html: string; hasRemoteContent: boolean };
  /** Calendar invitations found in the message (lib/mime/calendar.ts). */
  invites?: InviteSummary[];
  /** The files inside each winmail.dat, in the order of the TNEF parts (lib/mime/tnef.ts expandTnef). */
  tnef?: TnefListing[];
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
    const parsed = await simpleParser(source, { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 5 * 1024 * 1024 });
    let html = typeof parsed.html === "string" && parsed.html.trim() ? parsed.html : null;
    let text = parsed.text?.trim() ? parsed.text : null;
    // winmail.dat files and body, calendar invitations; the TNEF body stands in when there is no other.
    const extras = readAttachedParts(parsed.attachments);
    if (!html && !text && extras.body) ({ html, text } = extras.body);
    if (!html && !text && source.length > 0 && !looksEmpty(source)) return rawFallback(source);
    return { html, text: text ?? (html ? null : ""), raw: null, invites: extras.invites, tnef: extras.tnef };
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
