"use client";

import { useEffect, useId, useState } from "react";
import { apiFetch } from "@/hooks/use-api";
import type { Identity } from "@/lib/shared/compose";

/** From: the account's address with an editable display name (the identity), saved when it changes. */
export function FromField({ email }: { email: string }) {
  const [name, setName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    apiFetch<Identity>("/api/identity")
      .then((i) => {
        setName(i.fromName);
        setSaved(i.fromName);
      })
      .catch(() => {});
  }, []);

  const save = () => {
    const clean = name.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
    if (saved === null || clean === saved) return;
    apiFetch<Identity>("/api/identity", { method: "PUT", json: { fromName: clean } })
      .then((i) => {
        setSaved(i.fromName);
        setName(i.fromName);
      })
      .catch(() => {});
  };

  return (
    <div className="flex items-center gap-2 border-b border-zinc-200/80 px-4 dark:border-zinc-800">
      <label htmlFor={id} className="w-14 shrink-0 text-sm text-zinc-500 dark:text-zinc-400">
        From
      </label>
      <input
        id={id}
        type="text"
        value={name}
        placeholder="Your name"
        maxLength={120}
        aria-describedby={`${id}-addr`}
        onChange={(e) => setName(e.target.value)}
        onBlur={save}
        className="h-9 min-w-16 max-w-60 rounded-md bg-transparent px-2 text-sm field-sizing-content outline-none hover:bg-zinc-50 focus:bg-zinc-50 dark:hover:bg-zinc-800/60 dark:focus:bg-zinc-800/60"
      />
      <span id={`${id}-addr`} className="truncate text-sm text-zinc-500 dark:text-zinc-400">
        &lt;{email}&gt;
      </span>
    </div>
  );
}
