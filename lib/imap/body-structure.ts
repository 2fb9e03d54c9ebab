import "server-only";
import type { MessageStructureObject } from "imapflow";
import type { Attachment } from "@/lib/shared/types";
import { cleanAttachmentName, extensionForType } from "@/lib/shared/attachment-name";

export interface BodyParts {
  attachments: Attachment[];
  html: MessageStructureObject | null;
  text: MessageStructureObject | null;
  /** Inline parts with a Content-ID, keyed by the id without angle brackets. */
  inline: Map<string, MessageStructureObject>;
}

/** Decoded size estimate: base64 carries 3 bytes in 4 characters (line breaks aside). */
function decodedSize(node: MessageStructureObject): number {
  const size = node.size ?? 0;
  return node.encoding?.toLowerCase() === "base64" ? Math.floor((size * 3) / 4) : size;
}

function isMessagePart(node: MessageStructureObject): boolean {
  return node.type === "message/rfc822" || node.type === "message/global";
}

/** A forwarded message downloads as "<its name or subject>.eml". */
function emlName(node: MessageStructureObject): string {
  const given = node.dispositionParameters?.filename ?? node.parameters?.name ?? node.envelope?.subject ?? "";
  return `${given.replace(/\.eml$/i, "").trim() || "forwarded-message"}.eml`;
}

/**
 * The part `partId` names, for the download route: any leaf or message part, forwarded messages' own
 * parts included (they are listed under the forwarded message, not in the outer list).
 */
export function findStructurePart(root: MessageStructureObject | undefined, partId: string): { filename: string; contentType: string } | null {
  if (!root) return null;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const type = (node.type || "application/octet-stream").toLowerCase();
    if ((node.part ?? "1") === partId && (isMessagePart(node) || !node.childNodes?.length)) {
      const filename = isMessagePart(node) ? emlName(node) : (node.dispositionParameters?.filename ?? node.parameters?.name ?? "");
      return { filename: filename ? cleanAttachmentName(filename, type) : `attachment-${partId}.${extensionForType(type)}`, contentType: type };
    }
    // imapflow gives a forwarded message's single (non-multipart) body its wrapper's number; IMAP calls it "<n>.1".
    const children = node.childNodes ?? [];
    if (isMessagePart(node) && children.length === 1 && !children[0]!.childNodes?.length) stack.push({ ...children[0]!, part: `${node.part ?? "1"}.1` });
    else stack.push(...children);
  }
  return null;
}

/** Walks IMAP BODYSTRUCTURE: which parts are the body, which are attachments, which are cid: images. */
export function analyseStructure(root: MessageStructureObject | undefined): BodyParts {
  const out: BodyParts = { attachments: [], html: null, text: null, inline: new Map() };
  if (!root) return out;
  const visit = (node: MessageStructureObject, inAlternative: boolean) => {
    // A forwarded message is one part (its own attachments are not the outer sender's): not descended.
    if (node.childNodes?.length && !isMessagePart(node)) {
      const alt = node.type === "multipart/alternative";
      node.childNodes.forEach((c) => visit(c, alt || inAlternative));
      return;
    }
    const type = (node.type || "application/octet-stream").toLowerCase();
    const partId = node.part ?? "1";
    const filename = node.dispositionParameters?.filename ?? node.parameters?.name ?? "";
    const isAttachment = node.disposition?.toLowerCase() === "attachment";
    if (!isAttachment && !filename && (type === "text/html" || type === "text/plain")) {
      if (type === "text/html" && !out.html) out.html = node;
      else if (type === "text/plain" && !out.text) out.text = node;
      return;
    }
    const cid = node.id?.replace(/^<|>$/g, "");
    if (cid && !isAttachment && type.startsWith("image/")) {
      out.inline.set(cid, node);
      return;
    }
    out.attachments.push({
      partId,
      // The name as the list shows it and the download is called: cleaned once, here (see attachment-name.ts).
      filename: isMessagePart(node) ? cleanAttachmentName(emlName(node), "message/rfc822") : filename ? cleanAttachmentName(filename, type) : `attachment-${partId}.${extensionForType(type)}`,
      contentType: type,
      size: decodedSize(node),
    });
    void inAlternative;
  };
  visit(root, false);
  return out;
}
