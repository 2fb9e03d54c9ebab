import "server-only";
import { decodeBinaryHeader } from "@/lib/mime/charset";
import { decodeAddressBytes } from "@/lib/mime/raw-headers";
import type { Attachment, ForwardedHeader } from "@/lib/shared/types";
import { cleanAttachmentName, extensionForType } from "@/lib/shared/attachment-name";
import { decodedContent, headerMap, type MimeNode } from "@/lib/mime/mime-tree";
import { decodeCharset, enrichedToHtml, markdownToHtml, unflow } from "@/lib/mime/text-formats";

/*
 * The body of a message as people read it: an ordered list of blocks, built from the MIME tree in
 * document order. multipart/alternative contributes its best alternative; multipart/mixed every inline
 * text part in turn; message/rfc822 and message/global become a block of their own, with their own
 * header, blocks and attachments (never hoisted into the outer list, where they would look like the
 * outer sender's). HTML here is still hostile: it is sanitised when served, block by block.
 */

export type RawBlock =
  | { kind: "text"; text: string }
  /** `index`: the html block's position among all html blocks of the message, depth first (the body route's `block`). */
  | { kind: "html"; html: string; index: number }
  | { kind: "message"; partId: string; header: ForwardedHeader; blocks: RawBlock[]; attachments: Attachment[]; moreNotShown: boolean };

export interface MessageBlocks {
  blocks: RawBlock[];
  /** The outer message's own attachments. */
  attachments: Attachment[];
  /** Every html block's source, by index. */
  htmls: string[];
}

/** Forwarded messages shown inside each other; deeper ones are listed as .eml under the last one shown. */
export const MAX_FORWARD_DEPTH = 5;
// cid: images inlined as data: URIs into one html block, at most this many bytes in all.
const INLINE_IMAGE_BUDGET = 8 * 1024 * 1024;

const SHOWN_TEXT = new Set(["text/plain", "text/html", "text/markdown", "text/x-markdown", "text/enriched", "text/richtext"]);
// text/* parts that are data, not prose: listed as attachments (the calendar card is another view of them).
// text/csv is not among them: without a file name or attachment disposition it is shown as text, as issue 10
// point 2 asks ("any other text/* part ... is shown as text"); a named .csv stays a file (corpus own-parts/text-csv-inline).
const TEXT_AS_FILE = new Set(["text/calendar", "text/vcard", "text/x-vcard", "text/directory", "text/rfc822-headers"]);

function isMessage(n: MimeNode): boolean {
  return n.type === "message/rfc822" || n.type === "message/global";
}

function fileName(n: MimeNode): string {
  return (n.dispositionParams.filename ?? n.params.name ?? "").trim();
}

/** Inline text the reader should see: any text/* (but data formats) without a file name or attachment disposition. */
function isInlineText(n: MimeNode): boolean {
  if (!n.type.startsWith("text/") || TEXT_AS_FILE.has(n.type)) return false;
  return n.disposition !== "attachment" && !fileName(n);
}

function renderable(n: MimeNode): boolean {
  return n.type.startsWith("multipart/") || isMessage(n) || isInlineText(n);
}


function decodedSize(n: MimeNode): number {
  if (n.encoding !== "base64") return n.body.length;
  const clean = n.body.replace(/[^A-Za-z0-9+/=]/g, "");
  return Math.max(0, Math.floor((clean.length * 3) / 4) - (clean.match(/=+$/)?.[0].length ?? 0));
}

export function toAttachment(n: MimeNode, subject?: string): Attachment {
  let name = fileName(n);
  if (isMessage(n)) {
    const base = (name || subject || "forwarded-message").replace(/\.eml$/i, "");
    name = `${base}.eml`;
  }
  // Cleaned once, here, as for BODYSTRUCTURE: the list and the download show the same safe name.
  const filename = name ? cleanAttachmentName(name, n.type) : `attachment-${n.partId}.${extensionForType(n.type)}`;
  return { partId: n.partId, filename, contentType: n.type, size: decodedSize(n) };
}

// Header bytes were kept as latin1: raw 8-bit bytes are read by the one set of charset rules (UTF-8 or
// detection, lib/mime/charset.ts), then encoded words decoded; a Latin-1 forwarded header keeps its accents.
function headerText(raw: string | undefined): string {
  return raw ? decodeBinaryHeader(raw) : "";
}

/** From, To, Cc, Date and Subject of an encapsulated message. */
export function forwardedHeader(root: MimeNode): ForwardedHeader {
  const h = headerMap(root.header);
  const addresses = (k: string) => (h.has(k) ? decodeAddressBytes(Buffer.from(h.get(k)!, "latin1")) : []);
  const date = h.has("date") ? new Date(h.get("date")!) : null;
  return {
    from: addresses("from"),
    to: addresses("to"),
    cc: addresses("cc"),
    date: date && Number.isFinite(date.getTime()) ? date.toISOString() : null,
    subject: headerText(h.get("subject")).trim(),
  };
}

function textOf(n: MimeNode): string {
  return decodeCharset(decodedContent(n), n.params.charset);
}

interface Level {
  blocks: RawBlock[];
  attachments: Attachment[];
  /** Content-IDs referenced from this message's html blocks. */
  referenced: Set<string>;
  /** Image parts with a Content-ID at this level, candidates for cid: resolution. */
  cidImages: Map<string, MimeNode>;
}

interface Walk {
  htmls: string[];
  budget: number;
}

function pushHtml(level: Level, walk: Walk, html: string): void {
  const index = walk.htmls.length;
  walk.htmls.push(html);
  level.blocks.push({ kind: "html", html, index });
}

function leafBlock(n: MimeNode, level: Level, walk: Walk): void {
  // An empty part (a blank footer, an empty alternative) is not a block: it would read "no text" mid-message.
  if (!textOf(n).trim()) return;
  if (n.type === "text/html") pushHtml(level, walk, textOf(n));
  else if (n.type === "text/markdown" || n.type === "text/x-markdown") pushHtml(level, walk, markdownToHtml(textOf(n)));
  else if (n.type === "text/enriched" || n.type === "text/richtext") pushHtml(level, walk, enrichedToHtml(textOf(n)));
  else level.blocks.push({ kind: "text", text: unflow(textOf(n), n.params) });
}

/** The alternative to show: the last one we can render (RFC 2046 orders them plainest first). */
function bestAlternative(children: MimeNode[]): MimeNode | null {
  for (let i = children.length - 1; i >= 0; i--) if (renderable(children[i]!)) return children[i]!;
  return null;
}

function visit(n: MimeNode, level: Level, walk: Walk, depth: number, parent: { capped: boolean }): void {
  if (n.type === "multipart/alternative") {
    const best = bestAlternative(n.children);
    if (best) visit(best, level, walk, depth, parent);
    // Alternatives not shown are other renderings of the same text, except real files some mailers put there.
    for (const c of n.children) if (c !== best && !renderable(c)) visit(c, level, walk, depth, parent);
    return;
  }
  if (n.type === "multipart/related") {
    const start = n.params.start?.replace(/^<|>$/g, "");
    const root = n.children.find((c) => start && c.contentId === start) ?? n.children[0];
    if (root) visit(root, level, walk, depth, parent);
    for (const c of n.children) if (c !== root) resource(c, level, walk, depth, parent);
    return;
  }
  if (n.type.startsWith("multipart/")) {
    for (const c of n.children) visit(c, level, walk, depth, parent);
    return;
  }
  if (isMessage(n)) {
    if (!n.message || depth >= MAX_FORWARD_DEPTH) {
      if (n.message) parent.capped = true;
      level.attachments.push(toAttachment(n, n.message ? forwardedHeader(n.message).subject : undefined));
      return;
    }
    level.blocks.push(messageBlock(n, walk, depth + 1));
    return;
  }
  if (isInlineText(n)) return leafBlock(n, level, walk);
  resource(n, level, walk, depth, parent);
}

/** A part that is not shown as a block: a cid: image candidate, or an attachment. */
function resource(n: MimeNode, level: Level, walk: Walk, depth: number, parent: { capped: boolean }): void {
  if (n.type.startsWith("multipart/") || isMessage(n) || (isInlineText(n) && n.disposition === "inline")) return visit(n, level, walk, depth, parent);
  if (n.contentId && n.type.startsWith("image/") && n.disposition !== "attachment") level.cidImages.set(n.contentId, n);
  level.attachments.push(toAttachment(n));
}

function messageBlock(n: MimeNode, walk: Walk, depth: number): RawBlock {
  const root = n.message!;
  const header = forwardedHeader(root);
  const inner = walkLevel(root, walk, depth);
  return { kind: "message", partId: n.partId, header, blocks: inner.blocks, attachments: inner.attachments, moreNotShown: inner.capped };
}

const CID_REF = /cid:([^"'\s)>]+)/gi;

/** Walks one message (outer or encapsulated); cid: images it references are inlined and left out of its list. */
function walkLevel(root: MimeNode, walk: Walk, depth: number): Level & { capped: boolean } {
  const level: Level = { blocks: [], attachments: [], referenced: new Set(), cidImages: new Map() };
  const parent = { capped: false };
  visit(root, level, walk, depth, parent);
  for (const b of level.blocks) {
    if (b.kind !== "html") continue;
    const html = b.html.replace(CID_REF, (whole, id: string) => {
      let cid = id;
      try {
        cid = decodeURIComponent(id);
      } catch {
        // a malformed %-escape: look the id up as written
      }
      const img = level.cidImages.get(cid);
      if (!img) return whole;
      level.referenced.add(cid);
      const bytes = decodedContent(img);
      if (bytes.length > walk.budget) return whole;
      walk.budget -= bytes.length;
      return `data:${img.type};base64,${bytes.toString("base64")}`;
    });
    b.html = html;
    walk.htmls[b.index] = html;
  }
  // An image the HTML shows inline is not also an attachment; one it does not reference is (issue 10, point 3).
  const shown = new Set([...level.referenced].map((cid) => level.cidImages.get(cid)!.partId));
  level.attachments = level.attachments.filter((a) => !shown.has(a.partId));
  return { ...level, capped: parent.capped };
}

/** The blocks of a whole message, from its MIME tree. */
export function buildBlocks(root: MimeNode): MessageBlocks {
  const walk: Walk = { htmls: [], budget: INLINE_IMAGE_BUDGET };
  const level = walkLevel(root, walk, 0);
  return { blocks: level.blocks, attachments: level.attachments, htmls: walk.htmls };
}
