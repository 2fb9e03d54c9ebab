import "server-only";
import type { ImapFlow } from "imapflow";
import type { BodyParts } from "@/lib/imap/body-structure";
import { readAttachedParts, type AttachedPart, type AttachedParts } from "@/lib/mime/attached-parts";
import { CALENDAR_MAX_BYTES, isCalendar } from "@/lib/mime/calendar";
import { isTnef, readBounded, TNEF_MAX_BYTES } from "@/lib/mime/tnef";

/**
 * For messages too big to fetch whole: fetches just their calendar parts (≤ 256 kB each) and
 * winmail.dat parts (≤ 16 MB) by part number from BODYSTRUCTURE, so invitations and TNEF contents
 * show on big messages too. A part that fails to arrive is skipped, never fatal.
 */
export async function fetchAttachedParts(client: ImapFlow, uid: number, structure: BodyParts): Promise<AttachedParts> {
  const parts: AttachedPart[] = [];
  for (const a of structure.attachments) {
    const max = isCalendar(a.contentType, a.filename) ? CALENDAR_MAX_BYTES : isTnef(a.contentType, a.filename) ? TNEF_MAX_BYTES : 0;
    if (!max || a.size > max) {
      // Keep the n-th TNEF listing with the n-th TNEF part even when this one is not decoded.
      if (max && isTnef(a.contentType, a.filename)) parts.push({ contentType: a.contentType, filename: a.filename, content: Buffer.alloc(0) });
      continue;
    }
    try {
      const dl = await client.download(String(uid), a.partId, { uid: true, maxBytes: max + 1 });
      const content = "content" in dl && dl.content ? await readBounded(dl.content, max) : Buffer.alloc(0);
      parts.push({ contentType: a.contentType, filename: a.filename, content });
    } catch {
      if (isTnef(a.contentType, a.filename)) parts.push({ contentType: a.contentType, filename: a.filename, content: Buffer.alloc(0) });
    }
  }
  return readAttachedParts(parts);
}
