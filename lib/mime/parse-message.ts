import "server-only";
import { buildBlocks, type MessageBlocks } from "@/lib/mime/body-blocks";
import { parseMimeTree } from "@/lib/mime/mime-tree";
import type { SanitizeResult } from "@/lib/mime/sanitize";
import { repairBodyCharsets } from "@/lib/mime/charset-repair";
import { decodedContent, type MimeNode } from "@/lib/mime/mime-tree";
import type { InviteSummary } from "@/lib/shared/types";
import type { TnefListing } from "@/lib/mime/tnef";
import { attachedPartLimit, readAttachedParts, type AttachedPart } from "@/lib/mime/attached-parts";

export interface ParsedBody {
  /** The first HTML block as the sender wrote it (cid: images inlined as data: URIs); hostile until sanitised. */
  html: string | null;
  /** The first text block. */
  text: string | null;
  /** Set when the MIME structure could not be parsed: the raw source to show as text. */
  raw: string | null;
  /** Every block in document order, with the message's own attachments (absent for a raw fallback). */
  structure?: MessageBlocks;
  /** Sanitiser output, memoised per html block and setting by the code that renders the body. */
  sanitizedBlocks?: Map<string, SanitizeResult>;
  /** Bodies read in another charset than they named, in words for the reader (charset.ts). */
  notes?: string[];
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

/** A body known only by one html or text part (messages too big to fetch whole). */
export function singlePartBody(kind: "html" | "text", content: string): ParsedBody {
  const structure: MessageBlocks =
    kind === "html"
      ? { blocks: [{ kind: "html", html: content, index: 0 }], attachments: [], htmls: [content] }
      : { blocks: [{ kind: "text", text: content }], attachments: [], htmls: [] };
  return { html: kind === "html" ? content : null, text: kind === "text" ? content : null, raw: null, structure };
}

/**
 * Parses a whole RFC 822 message into blocks (lib/mime/body-blocks.ts). A message that cannot be parsed
 * still opens: we fall back to its raw source rather than a blank page or a 500.
 */
export function parseMessage(source: Buffer): ParsedBody {
  try {
    // Text parts with a missing, unknown or wrong charset (or UTF-16) become UTF-8 first: see charset-repair.ts.
    const { source: readable, notes } = repairBodyCharsets(source);
    const root = parseMimeTree(readable);
    const structure = buildBlocks(root);
    // winmail.dat files and body, calendar invitations; the TNEF body stands in when there is no other.
    const extras = readAttachedParts(attachedParts(root));
    if (!structure.blocks.some((b) => b.kind !== "message") && extras.body) {
      const { html: tHtml, text: tText } = extras.body;
      if (tHtml) structure.blocks.unshift({ kind: "html", html: tHtml, index: structure.htmls.push(tHtml) - 1 });
      else if (tText) structure.blocks.unshift({ kind: "text", text: tText });
    }
    const first = structure.blocks.find((b) => b.kind !== "message");
    if (!first && structure.attachments.length === 0 && !structure.blocks.length && source.length > 0 && !looksEmpty(source)) return rawFallback(source);
    const html = first?.kind === "html" ? first.html : null;
    const text = first?.kind === "text" ? first.text : html ? null : "";
    return { html, text, raw: null, structure, invites: extras.invites, tnef: extras.tnef, ...(notes.length ? { notes } : {}) };
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

/**
 * The message's own parts that carry content for a person although MIME calls them attachments
 * (winmail.dat, calendars), in document order and outside forwarded messages (those are theirs).
 */
function attachedParts(root: MimeNode): AttachedPart[] {
  const out: AttachedPart[] = [];
  const walk = (n: MimeNode) => {
    if (n.children.length) return n.children.forEach(walk);
    const filename = n.dispositionParams.filename ?? n.params.name ?? null;
    if (attachedPartLimit(n.type, filename) > 0) out.push({ contentType: n.type, filename, content: decodedContent(n) });
  };
  walk(root);
  return out;
}
