"use client";

import type { ReactNode } from "react";

// Shared pieces of the Settings page: a titled section and a radio group that saves on change.
export const labelClass = "mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200";
export const hintClass = "text-[13px] leading-5 text-zinc-600 dark:text-zinc-400";

export function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/40">
      <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-950 dark:text-white">
        {title}
      </h2>
      {description && <p className={`mt-1 ${hintClass}`}>{description}</p>}
      <div className="mt-4 space-y-5">{children}</div>
    </section>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

/** Radio cards: every choice has a visible label (its accessible name) and reaches by arrow keys. */
export function ChoiceGroup<T extends string>({ name, legend, choices, value, onChange }: { name: string; legend: string; choices: Choice<T>[]; value: T; onChange: (v: T) => void }) {
  return (
    <fieldset>
      <legend className={labelClass}>{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {choices.map((c) => (
          <label
            key={c.value}
            className="flex min-h-11 cursor-pointer items-start gap-2.5 rounded-lg border border-zinc-200 px-3 py-2.5 transition-colors hover:bg-zinc-50 has-checked:border-accent-500 has-checked:bg-accent-50/60 dark:border-zinc-700 dark:hover:bg-zinc-800/60 dark:has-checked:border-accent-400 dark:has-checked:bg-accent-500/10"
          >
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
              className="mt-0.5 size-4 shrink-0 accent-accent-600 dark:accent-accent-400"
            />
            <span className="min-w-0">
              <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">{c.label}</span>
              {c.hint && <span className="block text-[13px] leading-5 text-zinc-600 dark:text-zinc-400">{c.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
