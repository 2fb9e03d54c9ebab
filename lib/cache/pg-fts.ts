import "server-only";
import type { SearchField } from "@/lib/mail/store";
import { cacheSearch, likePattern, type CacheSearch } from "@/lib/cache/fts-query";

/*
 * Full-text search for the PostgreSQL cache, matching the SQLite FTS5 one (fts-query.ts, tokenizer
 * unicode61 remove_diacritics 2): text splits into runs of letters and digits, lowercased, accents
 * removed; each word the user typed is a phrase of those tokens with a prefix match on the last; words
 * are ANDed; a field limits the match to sender, subject or body. We build the tsvector and tsquery
 * literals ourselves instead of using a text search configuration, so the tokens are exactly these on
 * every server locale; they only ever contain letters and digits and are passed as bound values.
 */

const WEIGHT: Record<Exclude<SearchField, "all">, string> = { from: "A", subject: "B", body: "C" };
// PostgreSQL limits: positions up to 16383, 255 per lexeme, 2 KB per lexeme, 1 MB per tsvector.
const MAX_POS = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_LEXEME = 200;
const MAX_VECTOR_BYTES = 900_000;
// Positions between columns, so a phrase never spans the end of one and the start of the next.
const COLUMN_GAP = 2;

export function tokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && t.length <= MAX_LEXEME);
}

/** The tsvector literal of a message: sender (A), subject (B), body (C). */
export function tsvectorOf(sender: string, subject: string, body: string): string {
  const lexemes = new Map<string, string[]>();
  let pos = 0;
  let bytes = 0;
  for (const [text, weight] of [[sender, "A"], [subject, "B"], [body, "C"]] as const) {
    for (const t of tokens(text)) {
      pos = Math.min(pos + 1, MAX_POS);
      let list = lexemes.get(t);
      if (!list) {
        if (bytes + t.length * 4 > MAX_VECTOR_BYTES) continue;
        bytes += t.length * 4 + 8;
        lexemes.set(t, (list = []));
      }
      if (list.length < MAX_POSITIONS_PER_LEXEME) {
        list.push(`${pos}${weight}`);
        bytes += 2;
      }
    }
    pos = Math.min(pos + COLUMN_GAP, MAX_POS);
  }
  return [...lexemes].map(([t, ps]) => `'${t}':${ps.join(",")}`).join(" ");
}

function phrases(words: string[], weight: string): string[] {
  return words
    .map((word) => tokens(word))
    .filter((ts) => ts.length > 0)
    .map((ts) => {
      const parts = ts.map((t, i) => `'${t}':${i === ts.length - 1 ? "*" : ""}${weight}`.replace(/:$/, ""));
      return parts.length > 1 ? `(${parts.join(" <-> ")})` : parts[0]!;
    });
}

/** The tsquery literal of a cache search's text part (words in the field, from: as sender, subject: as subject), or null. */
export function tsqueryOfSearch(text: CacheSearch["text"]): string | null {
  if (!text) return null;
  const all = [
    ...phrases(text.terms, text.field === "all" ? "" : WEIGHT[text.field]),
    ...phrases(text.from, WEIGHT.from),
    ...phrases(text.subject, WEIGHT.subject),
  ];
  return all.length ? all.join(" & ") : null;
}

/** The tsquery literal for what the user typed, or null when nothing in it is for the index. */
export function tsqueryOf(text: string, field: SearchField): string | null {
  return tsqueryOfSearch(cacheSearch(text, field)?.text ?? null);
}

/** A folder search's WHERE clause and its bound values (the words only ever as a bound tsquery); null when nothing in it is searchable. */
/** `fullText`: words to match (the count of those is capped, SEARCH_COUNT_CAP); otherwise filters only. */
export function searchWhere(folderId: number, q: { text: string; field: SearchField }): { clause: string; params: unknown[]; unreadOnly: boolean; fullText: boolean } | null {
  const search = cacheSearch(q.text, q.field);
  if (!search) return null;
  const params: unknown[] = [folderId];
  const where = ["folder_id = $1"];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const tsq = tsqueryOfSearch(search.text);
  if (tsq) where.push(`fts @@ ${bind(tsq)}::tsquery`);
  const s = search.filters;
  if (s.unread) where.push("NOT seen");
  if (s.hasAttachment) where.push("has_attachments");
  if (s.before !== null) where.push(`date < ${bind(s.before)}::bigint`);
  if (s.after !== null) where.push(`date >= ${bind(s.after)}::bigint`);
  for (const v of s.to) {
    const p = bind(likePattern(v));
    where.push(`(to_json ILIKE ${p} OR cc_json ILIKE ${p})`);
  }
  const unreadOnly = !tsq && s.unread && !s.hasAttachment && s.before === null && s.after === null && s.to.length === 0;
  return { clause: where.join(" AND "), params, unreadOnly, fullText: !!tsq };
}
