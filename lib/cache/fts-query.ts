import "server-only";
import type { SearchField } from "@/lib/mail/store";

const COLUMNS: Record<SearchField, string> = { all: "{sender subject body}", from: "sender", subject: "subject", body: "body" };

/**
 * Builds an FTS5 MATCH expression from the user's words. Each word becomes a quoted FTS5 string
 * (embedded quotes doubled) with a prefix star, so operators, column filters, parentheses and stars in
 * the input are plain text; the result is only ever passed to SQLite as a bound value.
 * Returns null when the input has nothing searchable.
 */
export function ftsQuery(text: string, field: SearchField): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  const terms = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(" AND ");
  return `${COLUMNS[field]} : (${terms})`;
}

/** The words of a search that hold something searchable (a letter or digit), at most 16; shared with pg-fts.ts. */
export function searchWords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 16);
}
