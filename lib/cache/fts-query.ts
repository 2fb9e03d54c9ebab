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

const quote = (w: string) => `"${w.replace(/"/g, '""')}"*`;

/**
 * The FTS5 MATCH expression of a cache search. Each word becomes a quoted FTS5 string (embedded quotes
 * doubled) with a prefix star, so operators, column filters, parentheses and stars in the input are
 * plain text; the result is only ever passed to SQLite as a bound value.
 */
export function ftsMatch(text: NonNullable<CacheSearch["text"]>): string {
  const parts: string[] = [];
  if (text.terms.length) parts.push(`${COLUMNS[text.field]} : (${text.terms.map(quote).join(" AND ")})`);
  if (text.from.length) parts.push(`sender : (${text.from.map(quote).join(" AND ")})`);
  if (text.subject.length) parts.push(`subject : (${text.subject.map(quote).join(" AND ")})`);
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
