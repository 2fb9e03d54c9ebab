"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { Address } from "@/lib/shared/types";
import { formatAddress, parseAddress, splitAddressList } from "@/lib/shared/compose";
import { CloseIcon } from "@/components/ui/icons";

interface AddressFieldProps {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  autoFocus?: boolean;
  /** Text still being typed, by label, so Send can take it as an entry. */
  pending: { current: Record<string, string> };
  /** Shown at the end of the row (the To field's Cc/Bcc toggle). */
  trailing?: ReactNode;
}

/**
 * To/Cc/Bcc: each entry becomes a chip that is checked on its own (one mailbox per chip); invalid
 * chips are marked and described. Suggestions come from people the user wrote to or heard from.
 */
export function AddressField({ label, values, onChange, autoFocus, pending, trailing }: AddressFieldProps) {
  const [text, setText] = useState("");
  const [suggestions, setSuggestions] = useState<Address[]>([]);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const errId = `${id}-err`;

  const invalid = values.filter((v) => !parseAddress(v));

  useEffect(() => {
    pending.current[label] = text;
  }, [pending, label, text]);

  // Suggestions for what is being typed, a moment after the last keystroke.
  useEffect(() => {
    const q = text.trim();
    if (q.length < 1) {
      setSuggestions([]);
      return;
    }
    const ctl = new AbortController();
    const t = setTimeout(() => {
      fetch(`/api/contacts?q=${encodeURIComponent(q)}`, { credentials: "same-origin", signal: ctl.signal })
        .then((r) => (r.ok ? r.json() : { contacts: [] }))
        .then((b: { contacts: Address[] }) => {
          const taken = new Set(values.map((v) => parseAddress(v)?.address.toLowerCase()));
          const list = b.contacts.filter((c) => !taken.has(c.address.toLowerCase()));
          setSuggestions(list);
          // The first suggestion is highlighted, so Enter/Tab takes "Carol Chen" for "car" (issue 12 point 13);
          // a complete address typed by hand that no suggestion equals stays what was typed.
          const typed = parseAddress(q);
          const exact = typed && list.some((c) => c.address.toLowerCase() === typed.address.toLowerCase());
          setActive(list.length && (!typed || exact) ? Math.max(0, list.findIndex((c) => typed && c.address.toLowerCase() === typed.address.toLowerCase())) : -1);
        })
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [text, values]);

  const commit = (raw: string) => {
    const parts = splitAddressList(raw);
    if (parts.length) onChange([...values, ...parts]);
    setText("");
    setSuggestions([]);
  };

  const pick = (a: Address) => {
    onChange([...values, formatAddress(a)]);
    setText("");
    setSuggestions([]);
    inputRef.current?.focus();
  };

  const open = suggestions.length > 0;

  return (
    <div className="relative flex min-h-10 items-start gap-2 border-b border-zinc-200/80 px-4 py-1.5 dark:border-zinc-800">
      <label htmlFor={id} className="w-14 shrink-0 pt-1.5 text-sm text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1">
        {values.map((v, i) => {
          const ok = parseAddress(v) !== null;
          return (
            <span
              key={`${v}-${i}`}
              data-invalid={ok ? undefined : "true"}
              className={`inline-flex max-w-full items-center gap-1 rounded-md py-0.5 pl-2 pr-1 text-[13px] ${
                ok
                  ? "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100"
                  : "bg-red-50 text-red-800 ring-1 ring-red-300 dark:bg-red-950/50 dark:text-red-200 dark:ring-red-800"
              }`}
            >
              <span className="truncate">{v}</span>
              <button
                type="button"
                aria-label={`Remove ${v}`}
                onClick={() => onChange(values.filter((_, j) => j !== i))}
                className="rounded p-0.5 opacity-60 hover:opacity-100"
              >
                <CloseIcon className="size-3" />
              </button>
            </span>
          );
        })}
        <input
          ref={inputRef}
          id={id}
          type="text"
          autoComplete="off"
          autoFocus={autoFocus}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={invalid.length > 0 ? true : undefined}
          aria-describedby={invalid.length ? errId : undefined}
          value={text}
          onChange={(e) => {
            const v = e.target.value;
            if (/[,;]\s*$/.test(v)) commit(v);
            else setText(v);
          }}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData("text");
            if (/[,;\n]/.test(pasted)) {
              e.preventDefault();
              commit(text + pasted);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && open) {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, suggestions.length - 1));
            } else if (e.key === "ArrowUp" && open) {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === "Enter" || (e.key === "Tab" && text.trim())) {
              if (open && active >= 0) {
                e.preventDefault();
                pick(suggestions[active]!);
              } else if (text.trim()) {
                e.preventDefault();
                commit(text);
              }
            } else if (e.key === "Escape" && open) {
              e.stopPropagation();
              setSuggestions([]);
            } else if (e.key === "Backspace" && !text && values.length) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={() => {
            // Let a click on a suggestion land first.
            setTimeout(() => {
              if (document.activeElement !== inputRef.current && inputRef.current?.value.trim()) commit(inputRef.current.value);
              setSuggestions([]);
            }, 150);
          }}
          className="min-w-[8rem] flex-1 bg-transparent py-1 text-sm text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100"
        />
        {invalid.length > 0 && (
          <p id={errId} className="w-full text-xs text-red-700 dark:text-red-300">
            {invalid.length === 1 ? `“${invalid[0]}” is not a valid email address.` : `${invalid.length} entries are not valid email addresses.`}
          </p>
        )}
      </div>
      {trailing}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`Suggestions for ${label}`}
          className="absolute left-14 right-4 top-full z-20 mt-1 max-h-64 overflow-y-auto rounded-xl border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {suggestions.map((s, i) => (
            <li
              key={s.address}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(s);
              }}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? "bg-accent-50 dark:bg-accent-500/15" : "hover:bg-zinc-50 dark:hover:bg-zinc-800"}`}
            >
              {s.name ? (
                <>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{s.name}</span>{" "}
                  <span className="text-zinc-500 dark:text-zinc-400">{s.address}</span>
                </>
              ) : (
                <span className="text-zinc-900 dark:text-zinc-100">{s.address}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
