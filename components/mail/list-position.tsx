"use client";

import { useId, useState, type ReactNode } from "react";
import { buttonClass, fieldClass } from "@/components/ui/button";
import { formatCount } from "@/components/mail/format";

interface ListPositionProps {
  total: number;
  /** Newer messages before the first loaded row. */
  offset: number;
  loaded: number;
  jump: string | null;
  onJump: (jump: string | null) => void;
  /** The Sort menu, on the same line. */
  children?: ReactNode;
}

/** "1–50 of 10,000", then 9,951–10,000 in one step: the way through a big folder without scrolling (issue 12 point 7). */
export function positionText(offset: number, loaded: number, total: number): string {
  if (total === 0 || loaded === 0) return "";
  const last = Math.min(total, offset + loaded);
  return `${formatCount(Math.min(offset + 1, last))}–${formatCount(last)} of ${formatCount(total)}`;
}

export function ListPosition({ total, offset, loaded, jump, onJump, children }: ListPositionProps) {
  const [day, setDay] = useState("");
  const dateId = useId();
  const text = positionText(offset, loaded, total);
  if (!text) return null;
  const atNewest = offset === 0;
  const atOldest = offset + loaded >= total;
  // A folder that fits on one page needs no way through it.
  const big = !atOldest || !atNewest || jump !== null;
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-zinc-200/80 px-3 py-1.5 text-[13px] dark:border-zinc-800">
      <p data-list-position="" aria-live="polite" className="mr-auto tabular-nums text-zinc-600 dark:text-zinc-400">
        {text}
      </p>
      {children}
      {(!atNewest || jump) && (
        <button type="button" onClick={() => onJump(null)} className={buttonClass("ghost", "sm")}>
          Newest
        </button>
      )}
      {!atOldest && (
        <button type="button" onClick={() => onJump("oldest")} className={buttonClass("ghost", "sm")}>
          Oldest
        </button>
      )}
      {big && (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{4}-\d{2}-\d{2}$/.test(day)) onJump(day);
          }}
        >
          <label htmlFor={dateId} className="sr-only">
            Jump to date
          </label>
          <input
            id={dateId}
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            className={`${fieldClass} h-8 w-36 px-2 py-0 text-[13px]`}
          />
          <button type="submit" disabled={!day} className={buttonClass("secondary", "sm")}>
            Go
          </button>
        </form>
      )}
    </div>
  );
}
