import "server-only";
import type { SearchObject } from "imapflow";
import type { SearchField } from "@/lib/mail/store";
import { parseSearch } from "@/lib/shared/search-query";

function inField(text: string, field: SearchField): SearchObject {
  switch (field) {
    case "from":
      return { from: text };
    case "subject":
      return { subject: text };
    case "body":
      return { body: text };
    default:
      return { or: [{ from: text }, { subject: text }, { body: text }] };
  }
}

/*
 * imapflow has no AND key: the keys of one object are ANDed, and a one-element `or` compiles to its own
 * operand. So the rest of a conjunction nests in an `or` of one; when the first condition already uses
 * its `or`, NOT NOT carries the rest (legal IMAP, RFC 3501 6.4.4, and equal to the operand).
 */
function allOf(conds: SearchObject[]): SearchObject {
  const [first, ...rest] = conds;
  if (rest.length === 0) return first!;
  const tail = allOf(rest);
  if (!("or" in first)) return { ...first, or: [tail] };
  if (!("or" in tail)) return { ...tail, or: first.or };
  return { or: [first], not: { not: tail } };
}

/**
 * The search box's words and operators as IMAP SEARCH keys. Values reach the server only as search
 * values through imapflow's query object (it quotes them or sends literals). Dates use the Date header
 * (SENTBEFORE/SENTSINCE), which is the date the list shows; has:attachment asks for a multipart/mixed
 * body, the container every client uses for attachments.
 */
export function searchCriteria(text: string, field: SearchField): SearchObject {
  const p = parseSearch(text);
  const conds: SearchObject[] = [];
  for (const t of p.terms) conds.push(inField(t, field));
  for (const v of p.from) conds.push({ from: v });
  for (const v of p.to) conds.push({ or: [{ to: v }, { cc: v }] });
  for (const v of p.subject) conds.push({ subject: v });
  if (p.unread) conds.push({ seen: false });
  if (p.hasAttachment) conds.push({ header: { "content-type": "multipart/mixed" } });
  if (p.before !== null) conds.push({ sentBefore: new Date(p.before) });
  // after:2025-01-02 includes that day, as Gmail's does; SENTSINCE is inclusive too.
  if (p.after !== null) conds.push({ sentSince: new Date(p.after) });
  // Nothing searchable (only punctuation): the text as typed, as before the operators existed.
  return conds.length ? allOf(conds) : inField(text, field);
}
