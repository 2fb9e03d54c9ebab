"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { buttonClass, fieldClass, iconButtonClass } from "@/components/ui/button";
import { CalendarIcon } from "@/components/ui/icons";
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
  const text = positionText(offset, loaded, total);
  const dateJump = useDateJump(onJump);
  if (!text) return null;
  const atNewest = offset === 0;
  const atOldest = offset + loaded >= total;
  // A folder that fits on one page needs no way through it.
  const big = !atOldest || !atNewest || jump !== null;
  return (
    <div className="flex shrink-0 flex-wrap items-center justify-end gap-x-2 gap-y-1 border-b border-zinc-200/80 px-3 py-1.5 text-[13px] dark:border-zinc-800">
      <p data-list-position="" aria-live="polite" className="mr-auto tabular-nums text-zinc-600 dark:text-zinc-400">
        {text}
      </p>
      {children}
      {/* One item: where the line has no room for it (a page far down a 10,000-message folder in the
          ~365 px list column), it moves whole to a line of its own, at the right (justify-end). */}
      <span className="flex items-center gap-x-2">
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
        {big && dateJump.toggle}
      </span>
      {big && dateJump.form}
    </div>
  );
}

/**
 * "Jump to date": a calendar button on the position line that opens the day field and Go on a line of
 * their own (a field always shown took a second line above every big folder's list). Escape closes it
 * and gives the focus back to the button; a jump closes it.
 */
function useDateJump(onJump: (jump: string) => void): { toggle: ReactNode; form: ReactNode } {
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState("");
  const formId = useId();
  const dateId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return {
    toggle: (
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        title="Jump to date"
        onClick={() => setOpen((o) => !o)}
        className={`${iconButtonClass} ${open ? "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100" : ""}`}
      >
        <CalendarIcon className="size-4" />
        <span className="sr-only">Jump to date</span>
      </button>
    ),
    form: open && (
      <form
        id={formId}
        className="flex basis-full items-center justify-end gap-1"
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.preventDefault();
          e.stopPropagation();
          close();
        }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
          setOpen(false);
          onJump(day);
        }}
      >
        <label htmlFor={dateId} className="mr-1 text-zinc-600 dark:text-zinc-400">
          Day
        </label>
        <input
          ref={field}
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
    ),
  };
}
