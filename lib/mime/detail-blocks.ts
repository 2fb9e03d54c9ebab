import "server-only";
import { MailroomError } from "@/lib/errors";
import type { RawBlock } from "@/lib/mime/body-blocks";
import type { ParsedBody } from "@/lib/mime/parse-message";
import { sanitizeMailHtml, type SanitizeResult } from "@/lib/mime/sanitize";
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

function toBodyBlocks(body: ParsedBody, blocks: RawBlock[], bodyUrl: string): BodyBlock[] {
  return blocks.map((b): BodyBlock => {
    if (b.kind === "text") return { kind: "text", text: b.text };
    if (b.kind === "html") return { kind: "html", url: `${bodyUrl}&block=${b.index}`, hasRemoteContent: sanitizedBlock(body, b.index, false).hasRemoteContent };
    return { kind: "message", partId: b.partId, header: b.header, blocks: toBodyBlocks(body, b.blocks, bodyUrl), attachments: b.attachments, moreNotShown: b.moreNotShown };
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
  const blocks = body.structure ? toBodyBlocks(body, body.structure.blocks, bodyUrl) : [];
  const first = blocks.find((b) => b.kind === "html" || b.kind === "text");
  if (first?.kind === "html") return { bodyKind: "html", text: null, bodyUrl: first.url, hasRemoteContent: first.hasRemoteContent, blocks };
  return { bodyKind: "text", text: first?.kind === "text" ? first.text : (body.text ?? ""), bodyUrl: null, hasRemoteContent: false, blocks };
}
