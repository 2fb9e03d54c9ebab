// The mail URL is the source of truth for what is on screen, so back/forward and reload work:
//   /mail/<folder path segments>?m=<uid>&q=<search>&field=<all|from|subject|body>
import type { SearchField } from "@/hooks/use-messages";

export interface MailLocation {
  folder: string;
  openUid: number | null;
  q: string;
  field: SearchField;
  /** "all": the search runs in every folder (issue 12); the folder is then the open message's. */
  scope?: "all";
}

const FIELDS: SearchField[] = ["all", "from", "subject", "body"];

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Joins raw (still percent-encoded) URL segments into a folder path; none means INBOX. */
export function folderFromSegments(segments: string[] | undefined): string {
  const parts = (segments ?? []).filter(Boolean).map(safeDecode);
  return parts.length ? parts.join("/") : "INBOX";
}

export function folderFromPathname(pathname: string): string {
  const rest = pathname.replace(/^\/mail\/?/, "");
  return folderFromSegments(rest.split("/"));
}

export function parseUid(value: string | null | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

export function parseField(value: string | null | undefined): SearchField {
  return FIELDS.includes(value as SearchField) ? (value as SearchField) : "all";
}

export function mailHref(loc: Partial<MailLocation> & { folder: string }): string {
  const path = "/mail/" + loc.folder.split("/").map(encodeURIComponent).join("/");
  const params = new URLSearchParams();
  if (loc.q) {
    params.set("q", loc.q);
    if (loc.field && loc.field !== "all") params.set("field", loc.field);
    if (loc.scope === "all") params.set("scope", "all");
  }
  if (loc.openUid) params.set("m", String(loc.openUid));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
