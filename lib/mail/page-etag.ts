import "server-only";
import { createHash } from "node:crypto";

/*
 * A strong validator for a list page (issue 13: a folder switch confirms the page it painted from the
 * tab's cache). It is the hash of the exact JSON sent, so it changes whenever anything a person could
 * see changes (a row, a flag, the total, the order, the resume token) and never otherwise; the server
 * still does its cheap check (one STATUS, the page cache), but an unchanged page costs a few hundred
 * bytes instead of tens of kilobytes, and the browser parses nothing.
 */
export function pageEtag(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** If-None-Match (RFC 9110 13.1.2: weak comparison, a list, or "*") names this validator. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

/** The page as JSON with its validator, or an empty 304 when the browser already holds exactly it. */
export function conditionalJson(body: unknown, ifNoneMatch: string | null): Response {
  const text = JSON.stringify(body);
  const etag = pageEtag(text);
  // no-store as before: the tab keeps its own cache (hooks/folder-page-fetch.ts) and asks conditionally itself.
  const headers = { "Cache-Control": "private, no-store", ETag: etag };
  if (etagMatches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { headers: { ...headers, "Content-Type": "application/json" } });
}
