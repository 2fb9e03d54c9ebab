import "server-only";
import { MailroomError } from "@/lib/errors";
import type { RawBlock } from "@/lib/mime/body-blocks";
import type { ParsedBody } from "@/lib/mime/parse-message";
import { sanitizeMailHtml, type SanitizeResult } from "@/lib/mime/sanitize";
import { renderInlineBodyDocument } from "@/lib/mime/render-document";
import type { BodyBlock, MessageDetail } from "@/lib/shared/types";

/** Sanitised once per html block and setting; the JSON detail and the iframe's request share it. */
export function sanitizedBlock(body: ParsedBody, index: number, allowRemote: boolean): SanitizeResult {
  const html = body.structure ? body.structure.htmls[index] : index === 0 ? body.html : undefined;
  if (html === undefined || html === null) throw new MailroomError("NOT_FOUND", "This message has no such HTML part.");
  const cache = (body.sanitizedBlocks ??= new Map());
  const key = `${index}:${allowRemote ? 1 : 0}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = sanitizeMailHtml(html, { allowRemote });
    cache.set(key, hit);
  }
  return hit;
}

// Sanitised HTML up to this many characters (all html blocks of a message together) comes inside the
// message's JSON, for the frame's srcdoc: ordinary mail opens in one round trip. Bigger bodies keep the
// frame's own request, so a huge newsletter does not bloat the JSON (or a prefetch) it may never show.
export const INLINE_BODY_LIMIT = 256 * 1024;

function toBodyBlocks(body: ParsedBody, blocks: RawBlock[], bodyUrl: string, budget: { left: number }): BodyBlock[] {
  return blocks.map((b): BodyBlock => {
    if (b.kind === "text") return { kind: "text", text: b.text };
    if (b.kind === "html") {
      const clean = sanitizedBlock(body, b.index, false);
      const fits = clean.html.length <= budget.left;
      if (fits) budget.left -= clean.html.length;
      const doc = fits ? renderInlineBodyDocument(clean.html, { simple: clean.simple === true }) : undefined;
      return { kind: "html", url: `${bodyUrl}&block=${b.index}`, hasRemoteContent: clean.hasRemoteContent, ...(doc ? { doc } : {}) };
    }
    return { kind: "message", partId: b.partId, header: b.header, blocks: toBodyBlocks(body, b.blocks, bodyUrl, budget), attachments: b.attachments, moreNotShown: b.moreNotShown };
  });
}

type BodyFields = Pick<MessageDetail, "bodyKind" | "text" | "bodyUrl" | "hasRemoteContent" | "blocks">;

/**
 * The body fields of a MessageDetail: `blocks`, and the older single-body fields describing the first
 * text or html block, so code written before blocks keeps working.
 */
export function bodyFields(body: ParsedBody, uid: number, folder: string): BodyFields {
  const bodyUrl = `/api/messages/${uid}/body?folder=${encodeURIComponent(folder)}`;
  if (body.raw !== null) return { bodyKind: "raw", text: body.raw, bodyUrl: null, hasRemoteContent: false, blocks: [{ kind: "raw", text: body.raw }] };
  const blocks = body.structure ? toBodyBlocks(body, body.structure.blocks, bodyUrl, { left: INLINE_BODY_LIMIT }) : [];
  const first = blocks.find((b) => b.kind === "html" || b.kind === "text");
  if (first?.kind === "html") return { bodyKind: "html", text: null, bodyUrl: first.url, hasRemoteContent: first.hasRemoteContent, blocks };
  return { bodyKind: "text", text: first?.kind === "text" ? first.text : (body.text ?? ""), bodyUrl: null, hasRemoteContent: false, blocks };
}
