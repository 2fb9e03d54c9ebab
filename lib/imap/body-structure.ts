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

/** Walks IMAP BODYSTRUCTURE: which parts are the body, which are attachments, which are cid: images. */
export function analyseStructure(root: MessageStructureObject | undefined): BodyParts {
  const out: BodyParts = { attachments: [], html: null, text: null, inline: new Map() };
  if (!root) return out;
  const visit = (node: MessageStructureObject, inAlternative: boolean) => {
    if (node.childNodes?.length) {
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
      filename: filename ? cleanAttachmentName(filename, type) : `attachment-${partId}.${extensionForType(type)}`,
      contentType: type,
      size: decodedSize(node),
    });
    void inAlternative;
  };
  visit(root, false);
  return out;
}
