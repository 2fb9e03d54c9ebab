"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Editor } from "@tiptap/react";
import { buttonClass } from "@/components/ui/button";
import { linkHref } from "@/lib/shared/link-href";

/**
 * The rich editor's link editor, in place of the browser's prompt(): a small non-modal popover under the
 * toolbar with the address, Apply, Remove link and Cancel. Enter applies; Escape closes it (and only it).
 */
export function LinkPopover({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [value, setValue] = useState(() => (editor.getAttributes("link").href as string | undefined) ?? "");
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const had = editor.isActive("link");

  useEffect(() => inputRef.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = () => {
    if (!value.trim()) return remove();
    const href = linkHref(value);
    if (!href) {
      setError("Enter a web address (https://…) or an email address.");
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    // With nothing selected and no link under the cursor, the address itself becomes the link's text.
    if (editor.state.selection.empty && !had) chain.insertContent({ type: "text", text: value.trim(), marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };

  return (
    <div
      role="dialog"
      aria-label={had ? "Edit link" : "Add link"}
      className="absolute left-3 top-full z-20 mt-1 w-[min(24rem,calc(100%-1.5rem))] rounded-xl border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">
        Link address
      </label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        inputMode="url"
        value={value}
        placeholder="https://example.com"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          }
        }}
        className="h-9 w-full rounded-lg border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 outline-none focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
      />
      {error && (
        <p id={`${id}-err`} className="mt-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="mt-2 flex items-center gap-2">
        <button type="button" onClick={apply} className={buttonClass("primary", "sm")}>
          Apply
        </button>
        {had && (
          <button type="button" onClick={remove} className={buttonClass("ghost", "sm")}>
            Remove link
          </button>
        )}
        <button type="button" onClick={close} className={buttonClass("ghost", "sm", "ml-auto")}>
          Cancel
        </button>
      </div>
    </div>
  );
}
