"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "next/navigation";
import type { SearchField } from "@/hooks/use-messages";
import { useRecentSearches } from "@/hooks/use-recent-searches";
import { CloseIcon, SearchIcon } from "@/components/ui/icons";

export type SearchScope = "folder" | "all";

function whenIdle(fn: () => void): void {
  if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(fn, { timeout: 500 });
  else setTimeout(fn, 200);
}

interface SearchFormProps {
  query: string;
  field: SearchField;
  onSearch: (q: string, field: SearchField, scope?: SearchScope) => void;
  onClear: () => void;
}

// Phones: the two choices show only while the search has focus, so the words have room when it has not.
const onFocusOnPhones = "max-sm:hidden max-sm:group-focus-within/search:block";

const selectClass =
  `${onFocusOnPhones} h-full shrink-0 bg-transparent pl-2 pr-1 text-[13px] text-zinc-600 focus:outline-none focus-visible:outline-2 focus-visible:-outline-offset-2 dark:text-zinc-300 dark:[color-scheme:dark]`;

/**
 * The search box: words and operators (from:, to:, subject:, has:attachment, is:unread, before:,
 * after:, "phrases"), in this folder or all folders, with the account's recent searches offered
 * while the box is focused.
 */
export function SearchForm({ query, field, onSearch, onClear }: SearchFormProps) {
  const params = useSearchParams();
  const urlScope: SearchScope = params?.get("scope") === "all" ? "all" : "folder";
  const [text, setText] = useState(query);
  const [scope, setScope] = useState<SearchField>(field);
  const [where, setWhere] = useState<SearchScope>(urlScope);
  const [showRecent, setShowRecent] = useState(false);
  const [active, setActive] = useState(-1);
  const recent = useRecentSearches();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  // Follow the URL (back/forward, folder change) when it changes under us.
  useEffect(() => setText(query), [query]);
  useEffect(() => setScope(field), [field]);
  useEffect(() => setWhere(urlScope), [urlScope]);

  const typed = text.trim().toLowerCase();
  const offered = showRecent ? recent.searches.filter((s) => s.toLowerCase() !== typed && (!typed || s.toLowerCase().includes(typed))).slice(0, 8) : [];
  const open = offered.length > 0;

  const run = (q: string, f: SearchField = scope, w: SearchScope = where) => {
    setShowRecent(false);
    setActive(-1);
    // The search's own request first; remembering it can wait until the browser is idle.
    onSearch(q, f, w);
    whenIdle(() => recent.remember(q));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (open && active >= 0) {
      setText(offered[active]!);
      run(offered[active]!);
    } else if (q) run(q);
    else if (query) onClear();
  };

  return (
    <form
      role="search"
      onSubmit={submit}
      className="group/search relative flex h-9 w-full items-center rounded-lg border border-zinc-200 bg-zinc-50 focus-within:border-accent-500 focus-within:bg-white focus-within:ring-2 focus-within:ring-accent-500/20 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-accent-400 dark:focus-within:bg-zinc-900"
    >
      <label htmlFor="mail-search" className="sr-only">
        Search mail
      </label>
      <SearchIcon className="ml-3 size-4 shrink-0 text-zinc-500 dark:text-zinc-400" />
      <input
        ref={inputRef}
        id="mail-search"
        type="search"
        // Stays a searchbox (not a combobox): recent searches are a list it points into while open.
        aria-controls={open ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby="mail-search-hint"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
        }}
        onFocus={() => {
          recent.load();
          setShowRecent(true);
        }}
        onBlur={() => setTimeout(() => setShowRecent(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            if (!showRecent) setShowRecent(true);
            if (open) {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, offered.length - 1));
            }
          } else if (e.key === "ArrowUp" && open) {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, -1));
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setShowRecent(false);
          } else if (e.key === "Escape" && (text || query)) {
            e.preventDefault();
            setText("");
            if (query) onClear();
          }
        }}
        placeholder="Search mail"
        autoComplete="off"
        enterKeyHint="search"
        className="h-full min-w-0 flex-1 bg-transparent px-2.5 text-sm text-zinc-900 placeholder:text-zinc-500 focus:outline-none dark:text-zinc-100 dark:placeholder:text-zinc-500 [&::-webkit-search-cancel-button]:hidden"
      />
      <span id="mail-search-hint" className="sr-only">
        Use from:, to:, subject:, has:attachment, is:unread, before: and after: (dates as 2026-11-30), or quotes for a phrase.
      </span>
      {(text || query) && (
        <button
          type="button"
          aria-label="Clear search"
          title="Clear search"
          onClick={() => {
            setText("");
            if (query) onClear();
          }}
          className="mr-1 inline-flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <CloseIcon className="size-3.5" />
        </button>
      )}
      <span aria-hidden="true" className={`${onFocusOnPhones} h-5 w-px bg-zinc-200 dark:bg-zinc-800`} />
      <label htmlFor="mail-search-scope" className="sr-only">
        Search where
      </label>
      <select
        id="mail-search-scope"
        value={where}
        onChange={(e) => {
          const next = e.target.value as SearchScope;
          setWhere(next);
          if (query && text.trim()) onSearch(text.trim(), scope, next);
        }}
        className={selectClass}
      >
        <option value="folder">This folder</option>
        <option value="all">All folders</option>
      </select>
      <span aria-hidden="true" className={`${onFocusOnPhones} h-5 w-px bg-zinc-200 dark:bg-zinc-800`} />
      <label htmlFor="mail-search-field" className="sr-only">
        Search in
      </label>
      <select
        id="mail-search-field"
        value={scope}
        onChange={(e) => {
          const next = e.target.value as SearchField;
          setScope(next);
          // A search already on screen follows the new field at once.
          if (query && text.trim()) onSearch(text.trim(), next, where);
        }}
        className={`${selectClass} rounded-r-lg pr-2`}
      >
        <option value="all">Any field</option>
        <option value="from">From</option>
        <option value="subject">Subject</option>
        <option value="body">Body</option>
      </select>
      {open && (
        <div className="absolute inset-x-0 top-full z-30 mt-1 rounded-xl border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <div className="flex items-center justify-between px-3 pb-1 pt-1.5">
            <span id={`${listId}-label`} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
              Recent searches
            </span>
            <button
              type="button"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => recent.clear()}
              className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              Clear recent searches
            </button>
          </div>
          <ul id={listId} role="listbox" aria-labelledby={`${listId}-label`}>
            {offered.map((s, i) => (
              <li
                key={s}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  setText(s);
                  run(s);
                }}
                className={`flex cursor-pointer items-center gap-2 px-3 py-2 text-sm text-zinc-800 dark:text-zinc-100 ${i === active ? "bg-accent-50 dark:bg-accent-500/15" : "hover:bg-zinc-50 dark:hover:bg-zinc-800"}`}
              >
                <SearchIcon className="size-3.5 shrink-0 text-zinc-400" />
                <span className="truncate">{s}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
