/*
 * The search box's little language, shared by the IMAP and POP3 back ends (which turn it into SEARCH keys
 * or a full-text query) and by the browser (which highlights the words it looked for). Gmail's spelling:
 * from:, to:, subject:, has:attachment, is:unread, before:/after: (YYYY-MM-DD or YYYY/MM/DD) and "quoted
 * phrases". A token that looks like an operator but is not one (say "re:" or "is:lost") is kept as a plain
 * word, so nobody's search silently loses what they typed.
 */

export type SearchField = "all" | "from" | "subject" | "body";

export interface ParsedSearch {
  /** Plain words and phrases, searched in the chosen field. */
  terms: string[];
  from: string[];
  to: string[];
  subject: string[];
  hasAttachment: boolean;
  unread: boolean;
  /** Day (UTC midnight, ms) the messages must be older than; after: includes its own day. */
  before: number | null;
  after: number | null;
}

const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 200;

// A word, a "quoted phrase", or key:value / key:"quoted value".
const TOKEN = /(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/g;

function parseDay(value: string): number | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Rejects 2025-02-31 instead of rolling it over to March.
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

export function parseSearch(input: string): ParsedSearch {
  const out: ParsedSearch = { terms: [], from: [], to: [], subject: [], hasAttachment: false, unread: false, before: null, after: null };
  let count = 0;
  for (const m of input.slice(0, 1000).matchAll(TOKEN)) {
    if (count >= MAX_TERMS) break;
    const key = m[1]?.toLowerCase();
    const value = (m[2] ?? m[3] ?? "").trim().slice(0, MAX_TERM_LENGTH);
    count++;
    if (key === "from" || key === "to" || key === "subject") {
      if (value) out[key].push(value);
      continue;
    }
    if (key === "has" && value.toLowerCase() === "attachment") {
      out.hasAttachment = true;
      continue;
    }
    if (key === "is" && value.toLowerCase() === "unread") {
      out.unread = true;
      continue;
    }
    if ((key === "before" || key === "after") && parseDay(value) !== null) {
      out[key] = parseDay(value);
      continue;
    }
    // Not an operator: the whole token is text ("re:" → re:, "note:hi" → note:hi).
    const text = key ? `${m[1]}:${value}` : value;
    if (/[\p{L}\p{N}]/u.test(text)) out.terms.push(text);
  }
  return out;
}

/** True when the search asks for nothing at all (then no search runs). */
export function isEmptySearch(p: ParsedSearch): boolean {
  return !p.terms.length && !p.from.length && !p.to.length && !p.subject.length && !p.hasAttachment && !p.unread && p.before === null && p.after === null;
}

/** The words a person would expect to see marked in the results: free terms, from:/to:/subject: values. */
export function highlightTerms(input: string): string[] {
  const p = parseSearch(input);
  const words = [...p.terms, ...p.from, ...p.to, ...p.subject].map((w) => w.trim()).filter((w) => w.length >= 2);
  // Longest first, so "carol chen" is marked before "carol".
  return [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length).slice(0, MAX_TERMS);
}

export interface TextPiece {
  text: string;
  hit: boolean;
}

/** Splits text into pieces that match one of the terms (case-insensitive) and pieces that do not. */
export function splitHighlights(text: string, terms: string[]): TextPiece[] {
  if (!terms.length || !text) return [{ text, hit: false }];
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index! > last) pieces.push({ text: text.slice(last, m.index), hit: false });
    if (m[0]) pieces.push({ text: m[0], hit: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), hit: false });
  return pieces;
}
