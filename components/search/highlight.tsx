"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { highlightTerms, splitHighlights } from "@/lib/shared/search-query";

/** The search on screen (as typed), so rows and the open message can mark what it found. */
const SearchHighlightContext = createContext<{ query: string; terms: string[] }>({ query: "", terms: [] });

export function SearchHighlightProvider({ query, children }: { query: string; children: ReactNode }) {
  const value = useMemo(() => ({ query, terms: query ? highlightTerms(query) : [] }), [query]);
  return <SearchHighlightContext.Provider value={value}>{children}</SearchHighlightContext.Provider>;
}

/** The search as typed, for the sandboxed HTML body (the server marks it in the sanitised output). */
export function useSearchHighlightQuery(): string {
  return useContext(SearchHighlightContext).query;
}

/** Text with the search's words wrapped in <mark> (as elements, never as HTML). */
export function Highlighted({ text }: { text: string }) {
  const { terms } = useContext(SearchHighlightContext);
  if (!terms.length || !text) return <>{text}</>;
  return (
    <>
      {splitHighlights(text, terms).map((p, i) =>
        p.hit ? (
          <mark key={i} data-search-hit="" className="rounded-sm bg-amber-200 px-px text-inherit dark:bg-amber-400/35 dark:text-amber-50">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** Adds the search to a sandboxed body's URL, so the server marks the hits in the sanitised HTML. */
export function withHighlight(url: string, query: string): string {
  return query ? `${url}${url.includes("?") ? "&" : "?"}hl=${encodeURIComponent(query.slice(0, 500))}` : url;
}
