// The list's order (issue 12 point 3), shared by the Sort menu, the API and the stores.

export const SORT_KEYS = ["date", "arrival", "from", "subject", "size"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SortSpec {
  key: SortKey;
  /** Newest, largest, Z first. */
  desc: boolean;
}

/** Arrival order, newest first: what the list always did, paged by UID without sorting anything. */
export const DEFAULT_SORT: SortSpec = { key: "arrival", desc: true };

export const SORT_LABELS: Record<SortKey, string> = { date: "Date sent", arrival: "Received", from: "From", subject: "Subject", size: "Size" };

/** "from-asc" ⇄ { key: "from", desc: false }. */
export function sortParam(s: SortSpec): string {
  return `${s.key}-${s.desc ? "desc" : "asc"}`;
}

export const SORT_PARAM = /^(date|arrival|from|subject|size)-(asc|desc)$/;

export function parseSort(v: string | null | undefined): SortSpec | null {
  const m = SORT_PARAM.exec(v ?? "");
  return m ? { key: m[1] as SortKey, desc: m[2] === "desc" } : null;
}

export function isDefaultSort(s: SortSpec): boolean {
  return s.key === DEFAULT_SORT.key && s.desc === DEFAULT_SORT.desc;
}

/** "Date, newest first", "From, A to Z": how the menu and the list header say it. */
export function sortDirectionLabel(s: SortSpec): string {
  if (s.key === "date" || s.key === "arrival") return s.desc ? "newest first" : "oldest first";
  if (s.key === "size") return s.desc ? "largest first" : "smallest first";
  return s.desc ? "Z to A" : "A to Z";
}
