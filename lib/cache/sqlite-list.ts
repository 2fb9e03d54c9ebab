import "server-only";
import type Database from "better-sqlite3";
import { SEARCH_COUNT_CAP, type ListQuery, type SearchTotal } from "@/lib/cache/cache-store";
import { cacheSearch, ftsMatch, likePattern, type ExpandWord } from "@/lib/cache/fts-query";

/*
 * The SQL of a POP3 list page (issue 13 point 9): every page is a keyset page by UID (`uid < before`,
 * newest first) read from an index in order and stopped at LIMIT, never an OFFSET and never a sort of
 * the folder or of a match set; the folder's own counters give the totals a page can take from them.
 * Each statement's plan is checked by sqlite-plans.test.ts.
 */

type Prepare = (sql: string) => Database.Statement;

/** A folder's row with its counters (schema version 4) and its count of writes (version 5). */
export interface FolderCounts {
  id: number;
  total: number;
  unread: number;
  changes: number;
}

export interface Page<T> {
  total: number;
  rows: T[];
  offset?: number;
  totalLater?: true;
  totalAtLeast?: true;
}

const DAY_MS = 86_400_000;

export const PLAIN_PAGE = "SELECT * FROM messages WHERE folder_id = ? AND uid < ? ORDER BY uid DESC LIMIT ?";
export const OLDEST_PAGE = "SELECT * FROM messages WHERE folder_id = ? ORDER BY uid ASC LIMIT ?";
/** Index only: (folder_id, date, uid) holds the UID beside the date. */
export const NEWEST_BEFORE_DATE = "SELECT max(uid) AS uid FROM messages WHERE folder_id = ? AND date < ?";
export const FROM_UID_PAGE = "SELECT * FROM messages WHERE folder_id = ? AND uid <= ? ORDER BY uid DESC LIMIT ?";
/** Index only, on (folder_id, uid): how many rows are newer than a jump's first row. */
export const NEWER_THAN = "SELECT count(*) AS n FROM messages WHERE folder_id = ? AND uid > ?";

/** A page of the folder without a search: newest first from `before`, or from a jump. */
export function plainPage<T>(prepare: Prepare, folder: FolderCounts, q: ListQuery): Page<T> {
  const total = folder.total;
  if (q.jump && q.before === undefined) {
    const oldest = () => {
      const rows = (prepare(OLDEST_PAGE).all(folder.id, q.limit) as T[]).reverse();
      return { total, rows, offset: Math.max(0, total - rows.length) };
    };
    if (q.jump === "oldest") return oldest();
    const next = Date.parse(`${q.jump.day}T00:00:00Z`) + DAY_MS;
    const start = (prepare(NEWEST_BEFORE_DATE).get(folder.id, next) as { uid: number | null }).uid;
    if (start === null) return oldest();
    const rows = prepare(FROM_UID_PAGE).all(folder.id, start, q.limit) as T[];
    const offset = (prepare(NEWER_THAN).get(folder.id, start) as { n: number }).n;
    return { total, rows, offset };
  }
  const before = q.before ?? Number.MAX_SAFE_INTEGER;
  return { total, rows: prepare(PLAIN_PAGE).all(folder.id, before, q.limit) as T[] };
}

export interface SearchSql {
  /** FROM … WHERE … without the page's cursor. */
  body: string;
  /** The column pages are keyed on: the FTS rowid (FTS5 walks its doclist backwards, no sort) or the UID. */
  key: string;
  params: Record<string, string | number>;
  /** The folder's unread counter answers the total (is:unread and nothing else). */
  unreadOnly: boolean;
  /** Words to match in the full-text index: their count stops at the cap (filters alone count exactly, on indexes). */
  fullText: boolean;
}

/**
 * The full-text index's vocabulary (fts5vocab, 'row'): a TEMP table each connection makes when it opens
 * the file (SqliteCacheStore), so the file's schema does not change.
 */
export const TERMS_TABLE = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_fts_terms USING fts5vocab(main, messages_fts, row)";
/** The terms after the word itself and before the next word (`hi`): those that begin with it and are longer. */
export const LONGER_TERMS = "SELECT term FROM temp.messages_fts_terms WHERE term >= @lo AND term < @hi LIMIT @limit";
/** More longer terms than this and the word stays a prefix query (an OR of many terms costs more than the merge). */
export const EXPAND_MAX = 8;

/**
 * ExpandWord from the vocabulary. Only a word of ASCII letters and digits, 3 or more: FTS5 folds it by
 * lower-casing alone and keeps it one token, so the vocabulary's range is exactly what its prefix query
 * would match. The word itself is not read: reading a term in the vocabulary counts its whole match list
 * (~5 ms for a word in every message of 100,000), which the range starts after.
 */
export function termExpander(prepare: Prepare): ExpandWord {
  return (word) => {
    const w = word.toLowerCase();
    if (!/^[a-z0-9]{3,}$/.test(w)) return null;
    const hi = w.slice(0, -1) + String.fromCharCode(w.charCodeAt(w.length - 1) + 1);
    const rows = prepare(LONGER_TERMS).all({ lo: `${w}\u0001`, hi, limit: EXPAND_MAX + 1 }) as { term: string }[];
    return rows.length > EXPAND_MAX ? null : rows.map((r) => r.term);
  };
}

/** The search's SQL, or null when nothing in it is searchable. */
export function searchSql(folderId: number, q: Required<Pick<ListQuery, "search">>, expand?: ExpandWord): SearchSql | null {
  const search = cacheSearch(q.search.text, q.search.field);
  if (!search) return null;
  const params: Record<string, string | number> = { folderId };
  const where = ["m.folder_id = @folderId"];
  let from = "FROM messages m";
  let key = "m.uid";
  if (search.text) {
    // CROSS JOIN keeps the FTS match the outer loop (SQLite never reorders it): newest first along the
    // FTS index itself, one primary-key lookup per match. Left to itself the planner may walk the
    // folder's rows and run the MATCH once per row, a full scan of the folder.
    from = "FROM messages_fts CROSS JOIN messages m ON m.uid = messages_fts.rowid";
    key = "messages_fts.rowid";
    where.push("messages_fts MATCH @match");
    params.match = ftsMatch(search.text, expand);
  }
  const f = search.filters;
  if (f.unread) where.push("m.seen = 0");
  if (f.hasAttachment) where.push("m.has_attachments = 1");
  if (f.before !== null) (where.push("m.date < @dateBefore"), (params.dateBefore = f.before));
  if (f.after !== null) (where.push("m.date >= @dateAfter"), (params.dateAfter = f.after));
  f.to.forEach((v, i) => {
    where.push(`(m.to_json LIKE @to${i} ESCAPE '\\' OR m.cc_json LIKE @to${i} ESCAPE '\\')`);
    params[`to${i}`] = likePattern(v);
  });
  const unreadOnly = !search.text && f.unread && !f.hasAttachment && f.before === null && f.after === null && f.to.length === 0;
  return { body: `${from} WHERE ${where.join(" AND ")}`, key, params, unreadOnly, fullText: !!search.text };
}

/**
 * The cursor is CAST: better-sqlite3 binds a JS number as a REAL, and FTS5 takes a rowid bound only when
 * it is an INTEGER; given a REAL it walks the match list from the newest and leaves the bound to SQLite,
 * so a page far down cost a walk over every newer match (12 ms instead of 0.2 for one word in every
 * message of 100,000). sqlite-plans.test.ts checks the type of every bound on the FTS rowid.
 */
export const searchPageSql = (s: SearchSql) => `SELECT m.* ${s.body} AND ${s.key} < CAST(@before AS INTEGER) ORDER BY ${s.key} DESC LIMIT @limit`;
/** The same walk, keys only: a first page and its count from one pass over the matches. */
export const searchKeysSql = (s: SearchSql) => `SELECT ${s.key} AS k ${s.body} ORDER BY ${s.key} DESC LIMIT @limit`;
export const ROW_BY_UID = "SELECT * FROM messages WHERE uid = ?";
/** Counts no further than one past the cap: the cost of a count grows with the matches it walks. */
export const searchCountSql = (s: SearchSql) => `SELECT count(*) AS n FROM (SELECT 1 ${s.body} LIMIT @countStop)`;

/**
 * Search totals already counted, valid while their folder is unchanged: the folder's `changes`, bumped
 * by triggers on every write to its messages, from this process or another (the sync worker's).
 * Counting a match set of most of a big folder costs more than its page; the next pages and a repeated
 * search reuse it. Bounded in count and age.
 */
export interface CountCache {
  get(key: string): { version: string; n: number } | undefined;
  set(key: string, value: { version: string; n: number }): void;
}

/** A count made with searchCountSql as the total shown: past the cap, "at least the cap". */
export function cappedTotal(n: number, cap = SEARCH_COUNT_CAP): SearchTotal {
  return n > cap ? { total: cap, totalAtLeast: true } : { total: n };
}

/** A search's total: the folder's unread counter, a count already made while the folder is unchanged, or a count now (`fresh`: not now). */
/** The folder's id is among the params: one entry per folder and search. */
const countKey = (s: SearchSql) => `${s.body}\u0000${JSON.stringify(s.params)}`;

function searchTotal(prepare: Prepare, folder: FolderCounts, s: SearchSql, counts: CountCache | undefined, fresh: boolean, textCap: number): SearchTotal | null {
  if (s.unreadOnly) return { total: folder.unread };
  const cap = s.fullText ? textCap : Number.MAX_SAFE_INTEGER - 1;
  const key = countKey(s);
  const version = String(folder.changes);
  const hit = counts?.get(key);
  if (hit && hit.version === version) return cappedTotal(hit.n, cap);
  if (!fresh) return null;
  const n = (prepare(searchCountSql(s)).get({ ...s.params, countStop: cap + 1 }) as { n: number }).n;
  counts?.set(key, { version, n });
  return cappedTotal(n, cap);
}

/** A page of search results, newest first; with `countLater` the total only if it costs no count. */
export function searchPage<T>(prepare: Prepare, folder: FolderCounts, q: ListQuery & Required<Pick<ListQuery, "search">>, counts?: CountCache, cap = SEARCH_COUNT_CAP): Page<T> {
  const s = searchSql(folder.id, q, termExpander(prepare));
  if (!s) return { total: 0, rows: [] };
  // The unread counter or a count kept while the folder is unchanged; null when only a count would tell.
  const known = searchTotal(prepare, folder, s, counts, false, cap);
  if (s.fullText && q.before === undefined && !q.countLater && known === null) {
    // A first page whose total is not known yet: one walk of the matches, newest first, gives its keys and
    // the count up to the cap. Counting apart read the full-text index's match list a second time (~6 ms
    // for a word in every message of 100,000, whatever the cap).
    const keys = (prepare(searchKeysSql(s)).all({ ...s.params, limit: Math.max(cap + 1, q.limit) }) as { k: number }[]).map((r) => r.k);
    counts?.set(countKey(s), { version: String(folder.changes), n: Math.min(keys.length, cap + 1) });
    const row = prepare(ROW_BY_UID);
    return { ...cappedTotal(keys.length, cap), rows: keys.slice(0, q.limit).map((k) => row.get(k) as T) };
  }
  const params = { ...s.params, before: q.before ?? Number.MAX_SAFE_INTEGER, limit: q.limit };
  const rows = prepare(searchPageSql(s)).all(params) as T[];
  const total = known ?? searchTotal(prepare, folder, s, counts, !q.countLater, cap);
  return total === null ? { total: 0, rows, totalLater: true } : { ...total, rows };
}

/** Every match of the search in the folder: searchPage's total, counted once while nothing changes. */
export function searchCount(prepare: Prepare, folder: FolderCounts, q: Required<Pick<ListQuery, "search">>, counts?: CountCache, cap = SEARCH_COUNT_CAP): SearchTotal {
  const s = searchSql(folder.id, q, termExpander(prepare));
  return s ? searchTotal(prepare, folder, s, counts, true, cap)! : { total: 0 };
}
