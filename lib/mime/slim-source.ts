import "server-only";
import libmime from "libmime";
import type { MessageBlocks, RawBlock } from "@/lib/mime/body-blocks";
import { attachedPartLimit } from "@/lib/mime/attached-parts";
import { allNodes, headerMap, type MimeNode } from "@/lib/mime/mime-tree";

/*
 * Messages over the whole-fetch limit (4 MB) are read as a "slim" copy: every header, every boundary and
 * every part a person reads (text parts, forwarded messages sent encoded, winmail.dat and calendar
 * parts, cid: images) kept; the bytes of other attachments left out. The slim copy goes through the
 * same parse as a small message (parse-message.ts), so a big message shows forwarded messages inline,
 * every inline part in order, repaired charsets and cleaned names, with the same IMAP part numbers.
 * Each leaf carries an `X-Mailroom-Part: <n>` line so the parsed tree can be matched to what was left
 * out (its real size, and in the POP3 copy where its bytes are).
 */

export const PART_MARK = "x-mailroom-part";
// An inline text part is cut here (a 2 MB letter is already more than anyone reads in a pane).
export const SLIM_TEXT_LIMIT = 2 * 1024 * 1024;
// A forwarded message sent base64/quoted-printable encoded: kept whole up to this, else listed as .eml.
export const SLIM_MESSAGE_LIMIT = 4 * 1024 * 1024;
// One cid: image; all kept images together stay under SLIM_IMAGE_BUDGET.
export const SLIM_IMAGE_LIMIT = 4 * 1024 * 1024;
export const SLIM_IMAGE_BUDGET = 8 * 1024 * 1024;

export interface LeafInfo {
  type: string;
  disposition: string | null;
  filename: string | null;
  contentId: string | null;
}

/** How the slim copy keeps a leaf: `cut` parts may be truncated, others are kept whole or dropped. */
export function keepRule(leaf: LeafInfo): { max: number; cut: boolean } {
  const { type, disposition, filename, contentId } = leaf;
  if (type.startsWith("text/") && disposition !== "attachment" && !filename) return { max: SLIM_TEXT_LIMIT, cut: true };
  if (type === "message/rfc822" || type === "message/global") return { max: SLIM_MESSAGE_LIMIT, cut: false };
  const attached = attachedPartLimit(type, filename);
  if (attached) return { max: attached, cut: false };
  if (type.startsWith("image/") && contentId && disposition !== "attachment") return { max: SLIM_IMAGE_LIMIT, cut: false };
  return { max: 0, cut: false };
}

/** What a header block says about its entity, read as mime-tree reads it. */
export function describeHeader(header: string): LeafInfo & { boundary: string | null; encoding: string } {
  const h = headerMap(header);
  const value = (v: string | undefined) => {
    try {
      return v ? libmime.parseHeaderValue(v) : { value: "", params: {} as Record<string, string> };
    } catch {
      return { value: "", params: {} as Record<string, string> };
    }
  };
  const ct = value(h.get("content-type"));
  const cd = value(h.get("content-disposition"));
  const type = String(ct.value || "text/plain").trim().toLowerCase();
  const filename = (cd.params?.filename ?? ct.params?.name ?? null) as string | null;
  return {
    type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : "text/plain",
    boundary: (ct.params?.boundary as string | undefined) ?? null,
    disposition: String(cd.value || "").trim().toLowerCase() || null,
    filename: filename ? String(filename) : null,
    contentId: h.get("content-id")?.replace(/^\s*<|>\s*$/g, "").trim() || null,
    encoding: (h.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase(),
  };
}

/** The mark a slim copy put on a parsed node, or null. */
export function partMark(node: MimeNode): number | null {
  const v = headerMap(node.header).get(PART_MARK);
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

/** partId → mark, for every leaf of a parsed slim copy. */
export function marksByPart(root: MimeNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of allNodes(root)) {
    const m = partMark(n);
    if (m !== null && n.partId) out.set(n.partId, m);
  }
  return out;
}

/** Puts the real (decoded) sizes of parts the slim copy left out back into the attachment lists. */
export function restoreSizes(structure: MessageBlocks, sizes: Map<string, number>): void {
  const fix = (list: { partId: string; size: number }[]) => {
    for (const a of list) {
      const s = sizes.get(a.partId);
      if (s !== undefined) a.size = s;
    }
  };
  const walk = (blocks: RawBlock[]) => {
    for (const b of blocks) {
      if (b.kind !== "message") continue;
      fix(b.attachments);
      walk(b.blocks);
    }
  };
  fix(structure.attachments);
  walk(structure.blocks);
}

/** Decoded size from a transfer-encoded size: base64 carries 3 bytes in 4 characters (line breaks aside). */
export function decodedEstimate(encodedSize: number, encoding: string): number {
  return encoding === "base64" ? Math.floor((encodedSize * 3) / 4) : encodedSize;
}
