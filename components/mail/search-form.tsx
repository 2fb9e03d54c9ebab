"use client";

import { useEffect, useState, type FormEvent } from "react";
import type { SearchField } from "@/hooks/use-messages";
import { CloseIcon, SearchIcon } from "@/components/ui/icons";

interface SearchFormProps {
  query: string;
  field: SearchField;
  onSearch: (q: string, field: SearchField) => void;
  onClear: () => void;
}

export function SearchForm({ query, field, onSearch, onClear }: SearchFormProps) {
  const [text, setText] = useState(query);
  const [scope, setScope] = useState<SearchField>(field);

  // Follow the URL (back/forward, folder change) when it changes under us.
  useEffect(() => setText(query), [query]);
  useEffect(() => setScope(field), [field]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (q) onSearch(q, scope);
    else if (query) onClear();
  };

  return (
    <form
      role="search"
      onSubmit={submit}
      className="flex h-9 w-full items-center rounded-lg border border-zinc-200 bg-zinc-50 focus-within:border-accent-500 focus-within:bg-white focus-within:ring-2 focus-within:ring-accent-500/20 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-accent-400 dark:focus-within:bg-zinc-900"
    >
      <label htmlFor="mail-search" className="sr-only">
        Search mail
      </label>
      <SearchIcon className="ml-3 size-4 shrink-0 text-zinc-500 dark:text-zinc-400" />
      <input
        id="mail-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && (text || query)) {
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
      <span aria-hidden="true" className="h-5 w-px bg-zinc-200 dark:bg-zinc-800" />
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
          if (query && text.trim()) onSearch(text.trim(), next);
        }}
        className="h-full shrink-0 rounded-r-lg bg-transparent pl-2 pr-2 text-[13px] text-zinc-600 focus:outline-none focus-visible:outline-2 focus-visible:-outline-offset-2 dark:text-zinc-300 dark:[color-scheme:dark]"
      >
        <option value="all">All</option>
        <option value="from">From</option>
        <option value="subject">Subject</option>
        <option value="body">Body</option>
      </select>
    </form>
  );
}
