import "server-only";
import type { ParsedMail } from "mailparser";
import { parseAddress } from "@/lib/shared/compose";

/*
 * Recipients typed into the composer that are not addresses yet ("car", "bob@") cannot go into To/Cc/Bcc
 * of the saved draft, but dropping them would lose what the person typed. They ride along in the draft
 * as one header line each, `X-Mailroom-Unresolved: to; car` (the entry percent-encoded), and come back
 * as marked chips when the draft is reopened. A sent message never carries them: send refuses them.
 */
export const UNRESOLVED_HEADER = "X-Mailroom-Unresolved";
const MAX_ENTRIES = 20;
const MAX_ENTRY = 200;
type Field = "to" | "cc" | "bcc";
const FIELDS: Field[] = ["to", "cc", "bcc"];

export type Unresolved = Record<Field, string[]>;

/** The header values for the entries that are not addresses (none: an empty list). */
export function unresolvedHeaderValues(body: Record<Field, string[]>): string[] {
  const out: string[] = [];
  for (const field of FIELDS) {
    for (const entry of body[field]) {
      const text = entry.replace(/[\r\n]+/g, " ").trim().slice(0, MAX_ENTRY);
      if (text && !parseAddress(entry) && out.length < MAX_ENTRIES) out.push(`${field}; ${encodeURIComponent(text)}`);
    }
  }
  return out;
}

/** The unresolved entries of a reopened draft, by field. */
export function readUnresolved(parsed: Pick<ParsedMail, "headerLines">): Unresolved {
  const out: Unresolved = { to: [], cc: [], bcc: [] };
  const key = UNRESOLVED_HEADER.toLowerCase();
  for (const h of parsed.headerLines ?? []) {
    if (h.key !== key || out.to.length + out.cc.length + out.bcc.length >= MAX_ENTRIES) continue;
    const m = /^[^:]*:\s*(to|cc|bcc);\s*(\S+)\s*$/i.exec(h.line.replace(/\r?\n[ \t]+/g, " "));
    if (!m) continue;
    try {
      const text = decodeURIComponent(m[2]!).slice(0, MAX_ENTRY);
      if (text) out[m[1]!.toLowerCase() as Field].push(text);
    } catch {
      // A mangled value is skipped, not fatal: the rest of the draft still opens.
    }
  }
  return out;
}
