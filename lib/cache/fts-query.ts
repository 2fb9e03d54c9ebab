import "server-only";
import type { SearchField } from "@/lib/mail/store";
import { isEmptySearch, parseSearch } from "@/lib/shared/search-query";

const COLUMNS: Record<SearchField, string> = { all: "{sender subject body}", from: "sender", subject: "subject", body: "body" };

/** What the search box asks of the POP3 cache besides the full-text match: filters on the message row. */
export interface CacheFilters {
  unread: boolean;
  hasAttachment: boolean;
  /** Date header (ms): older than `before`, at or after `after`. */
  before: number | null;
  after: number | null;
  /** to: values, matched in the To and Cc addresses. */
  to: string[];
}

export interface CacheSearch {
  /** The full-text part, or null when the search has only filters. */
  text: { terms: string[]; from: string[]; subject: string[]; field: SearchField } | null;
  filters: CacheFilters;
}

/**
 * The search box's operators for the POP3 cache (lib/shared/search-query.ts): words and from:/subject:
 * go to the full-text index, the rest become row filters. Null when nothing in it is searchable.
 */
export function cacheSearch(text: string, field: SearchField): CacheSearch | null {
  const p = parseSearch(text);
  if (isEmptySearch(p)) return null;
  // A quoted value stays one FTS phrase: its words in that order.
  const searchable = (xs: string[]) => xs.filter((w) => /[\p{L}\p{N}]/u.test(w));
  const terms = searchable(p.terms);
  const from = searchable(p.from);
  const subject = searchable(p.subject);
  const hasText = terms.length + from.length + subject.length > 0;
  const filters: CacheFilters = { unread: p.unread, hasAttachment: p.hasAttachment, before: p.before, after: p.after, to: p.to };
  const onlyUnsearchableText = !hasText && (p.terms.length || p.from.length || p.subject.length);
  const hasFilter = p.unread || p.hasAttachment || p.before !== null || p.after !== null || p.to.length > 0;
  if (onlyUnsearchableText || (!hasText && !hasFilter)) return null;
  return { text: hasText ? { terms, from, subject, field } : null, filters };
}

const str = (w: string) => `"${w.replace(/"/g, '""')}"`;

/**
 * The index's own terms that begin with a word and are longer than it, when they are few enough to
 * name; null where the word must stay a prefix query. See termExpander (sqlite-list.ts).
 */
export type ExpandWord = (word: string) => string[] | null;

/** A word as FTS5 matches it: its terms by name when `expand` knows them, else a prefix query. */
function wordMatch(w: string, expand?: ExpandWord): string {
  const longer = expand?.(w);
  if (!longer) return `${str(w)}*`;
  return longer.length ? `(${[w, ...longer].map(str).join(" OR ")})` : str(w);
}

/**
 * The FTS5 MATCH expression of a cache search. Each word becomes a quoted FTS5 string (embedded quotes
 * doubled) with a prefix star, so operators, column filters, parentheses and stars in the input are
 * plain text; the result is only ever passed to SQLite as a bound value. With `expand`, a word whose
 * longer terms are known becomes the OR of its terms by name: the same matches, and FTS5 reads a named
 * term's match list lazily (a page reads ~50 entries), where a prefix query first merges the whole
 * match list of every term it covers (~10–20 ms for a word in every one of 100,000 messages).
 */
export function ftsMatch(text: NonNullable<CacheSearch["text"]>, expand?: ExpandWord): string {
  const all = (words: string[]) => words.map((w) => wordMatch(w, expand)).join(" AND ");
  const parts: string[] = [];
  if (text.terms.length) parts.push(`${COLUMNS[text.field]} : (${all(text.terms)})`);
  if (text.from.length) parts.push(`sender : (${all(text.from)})`);
  if (text.subject.length) parts.push(`subject : (${all(text.subject)})`);
  return parts.join(" AND ");
}

/** Builds an FTS5 MATCH expression from the user's words and operators; null when nothing in it is for the index. */
export function ftsQuery(text: string, field: SearchField): string | null {
  const s = cacheSearch(text, field);
  return s?.text ? ftsMatch(s.text) : null;
}

/** The words of a search that hold something searchable (a letter or digit), at most 16; shared with pg-fts.ts. */
export function searchWords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 16);
}

/** A LIKE pattern for a to: value (its % _ and \ escaped; used with ESCAPE '\'). */
export function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
