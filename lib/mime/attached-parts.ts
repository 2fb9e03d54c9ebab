import "server-only";
import type { InviteSummary } from "@/lib/shared/types";
import { CALENDAR_MAX_BYTES, isCalendar, parseInvites } from "@/lib/mime/calendar";
import { isTnef, listTnef, tnefBody, TNEF_MAX_BYTES, type TnefListing } from "@/lib/mime/tnef";
import { decodeTnef } from "@/lib/mime/tnef-decode";

/*
 * What a message carries in parts that are attachments to MIME but content to a person: the files and
 * body inside a winmail.dat, and calendar invitations. The body code calls readAttachedParts() once
 * with the parts it has in hand (whole-message parse) — or the IMAP side with the parts it fetched.
 */

export interface AttachedPart {
  contentType: string;
  filename?: string | null;
  content: Buffer;
}

export interface AttachedParts {
  invites: InviteSummary[];
  /** One listing per TNEF part, in document order (see expandTnef). */
  tnef: TnefListing[];
  /** The first winmail.dat's body, for a message that has no other. */
  body: { html: string | null; text: string | null } | null;
}

export function readAttachedParts(parts: readonly AttachedPart[] | undefined): AttachedParts {
  const out: AttachedParts = { invites: [], tnef: [], body: null };
  for (const p of parts ?? []) {
    const type = (p.contentType || "").toLowerCase();
    if (isTnef(type, p.filename)) {
      // Every TNEF part gets a listing (maybe empty) so the n-th listing stays with the n-th part.
      const content = p.content.length <= TNEF_MAX_BYTES ? safe(() => decodeTnef(p.content)) : null;
      out.tnef.push(content ? listTnef(content) : { files: [] });
      if (content && !out.body) out.body = safe(() => tnefBody(content));
    } else if (isCalendar(type, p.filename) && p.content.length <= CALENDAR_MAX_BYTES) {
      // Outlook sends the same event as an alternative and as invite.ics: one card each event.
      for (const inv of parseInvites(p.content.toString("utf8"))) {
        if (!out.invites.some((o) => o.title === inv.title && o.start === inv.start)) out.invites.push(inv);
      }
    }
  }
  return out;
}

/** How much of a part readAttachedParts wants (0: none of it): calendars up to 256 kB, winmail.dat up to 16 MB. */
export function attachedPartLimit(contentType: string, filename: string | null | undefined): number {
  if (isCalendar(contentType, filename)) return CALENDAR_MAX_BYTES;
  if (isTnef(contentType, filename)) return TNEF_MAX_BYTES;
  return 0;
}

/**
 * Reads a streamed part for readAttachedParts, draining it to the end either way (a streaming parser
 * waits for it); a part over `max` comes back empty, so a TNEF part still keeps its place.
 */
export async function collectAttachedPart(stream: NodeJS.ReadableStream, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
    total += b.length;
    if (total <= max) chunks.push(b);
  }
  return total <= max ? Buffer.concat(chunks) : Buffer.alloc(0);
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
