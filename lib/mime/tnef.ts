import "server-only";
import { Readable } from "node:stream";
import { MailroomError } from "@/lib/errors";
import type { Attachment } from "@/lib/shared/types";
import type { OpenedPart } from "@/lib/mail/store";
import { decodeTnef, type TnefContent } from "@/lib/mime/tnef-decode";
import { decompressRtf, rtfToBody } from "@/lib/mime/rtf";

/*
 * Outlook's winmail.dat (TNEF): the files inside are listed as attachments of their own, addressed as
 * "<part>.tnef.<n>" (the winmail.dat's own part id, then the file's index), and its body is shown when
 * the message has no other. The winmail.dat itself stays listed and downloadable.
 */

/** winmail.dat parts bigger than this stay opaque: decoding holds the whole file in memory. */
export const TNEF_MAX_BYTES = 16 * 1024 * 1024;
/** "2.tnef.0": a file inside the winmail.dat at part 2. */
export const TNEF_PART = /^(\d+(?:\.\d+)*)\.tnef\.(\d{1,4})$/;

/** One winmail.dat's files as listed (no data), in the order of the TNEF parts of the message. */
export interface TnefListing {
  files: { filename: string; contentType: string; size: number }[];
}

const TYPES: Record<string, string> = {
  pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", bmp: "image/bmp",
  tif: "image/tiff", tiff: "image/tiff", txt: "text/plain", csv: "text/csv", htm: "text/html", html: "text/html", rtf: "application/rtf",
  ics: "text/calendar", vcf: "text/vcard", eml: "message/rfc822", zip: "application/zip", xml: "application/xml", json: "application/json",
  doc: "application/msword", xls: "application/vnd.ms-excel", ppt: "application/vnd.ms-powerpoint",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** The type a file name implies; Outlook's own MIME tag is trusted only when the name says nothing. */
export function typeForName(name: string, tag: string | null = null): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  if (ext && TYPES[ext]) return TYPES[ext];
  return tag && /^[a-z]+\/[a-z0-9.+-]+$/.test(tag) ? tag : "application/octet-stream";
}

export function isTnef(contentType: string, filename: string | null | undefined): boolean {
  return contentType.toLowerCase() === "application/ms-tnef" || contentType.toLowerCase() === "application/vnd.ms-tnef" || /^win(mail)?\.dat$/i.test(filename ?? "");
}

function fileName(name: string, i: number): string {
  const n = name.trim();
  return n || `attachment-${i + 1}.bin`;
}

export function listTnef(content: TnefContent): TnefListing {
  return { files: content.files.map((f, i) => ({ filename: fileName(f.name, i), contentType: typeForName(f.name, f.mimeType), size: f.data.length })) };
}

/** The TNEF body as HTML or text: HTML first, then HTML encapsulated in RTF, then plain text, then RTF as text. */
export function tnefBody(content: TnefContent): { html: string | null; text: string | null } | null {
  if (content.html?.trim()) return { html: content.html, text: null };
  const rtfBuf = content.rtfCompressed ? decompressRtf(content.rtfCompressed) : null;
  const rtf = rtfBuf ? rtfToBody(rtfBuf.toString("latin1")) : null;
  if (rtf?.html) return { html: rtf.html, text: null };
  if (content.text?.trim()) return { html: null, text: content.text };
  if (rtf?.text) return { html: null, text: rtf.text };
  return null;
}

/**
 * The attachment list with each winmail.dat followed by its files. `listings` come from the parsed
 * message in the order of its TNEF parts, which is also their order in `attachments` (both walk the
 * MIME tree in document order), so the n-th TNEF attachment takes the n-th listing.
 */
export function expandTnef(attachments: Attachment[], listings: TnefListing[] | undefined): Attachment[] {
  if (!listings?.length) return attachments;
  const out: Attachment[] = [];
  let k = 0;
  for (const a of attachments) {
    out.push(a);
    if (!isTnef(a.contentType, a.filename)) continue;
    const listing = listings[k++];
    listing?.files.forEach((f, n) => out.push({ partId: `${a.partId}.tnef.${n}`, ...f }));
  }
  return out;
}

/** Opens file n of a winmail.dat whose bytes the store has read (bounded by TNEF_MAX_BYTES). */
export function openTnefFile(winmail: Buffer, n: number): OpenedPart {
  const content = decodeTnef(winmail);
  const file = content?.files[n];
  if (!file) throw new MailroomError("NOT_FOUND", "That attachment is not part of this message.");
  const name = fileName(file.name, n);
  return { filename: name, contentType: typeForName(file.name, file.mimeType), size: file.data.length, stream: Readable.from([file.data]) };
}

/** Reads a stream into memory, refusing more than `max` bytes. */
export async function readBounded(stream: NodeJS.ReadableStream, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
    total += b.length;
    if (total > max) {
      (stream as Readable).destroy?.();
      throw new MailroomError("TNEF_TOO_LARGE", "This winmail.dat is too large to open here; download it whole instead.");
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
