"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

// The items arrow keys move between: actions and choices, not separators or disabled ones.
const ITEMS = '[role="menuitem"]:not([disabled]), [role="menuitemradio"]:not([disabled])';

export interface MenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  icon?: ReactNode;
  /** Visual indent level (folder depth). */
  indent?: number;
  danger?: boolean;
  disabled?: boolean;
  /** One of a set of choices (role menuitemradio): whether it is the one in force. */
  checked?: boolean;
  /** A line above it: the start of another group of choices. */
  separatorBefore?: boolean;
}

interface MenuButtonProps {
  /** Accessible name of the trigger button. */
  label: string;
  /** Visible content of the trigger; defaults to the label. */
  children?: ReactNode;
  className: string;
  items: MenuItem[];
  disabled?: boolean;
  align?: "start" | "end";
  /** Shown inside the menu when there are no items. */
  emptyText?: string;
  menuLabel?: string;
  title?: string;
}

/** A button that opens a menu (WAI-ARIA menu button pattern), positioned fixed so scrolling panes don't clip it. */
export function MenuButton({
  label,
  children,
  className,
  items,
  disabled,
  align = "start",
  emptyText = "Nothing here",
  menuLabel,
  title,
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<{ top: number; left: number; maxHeight: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }, []);

  useLayoutEffect(() => {
    if (!open || !buttonRef.current || !menuRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const menu = menuRef.current.getBoundingClientRect();
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const below = vh - rect.bottom - 12;
    const above = rect.top - 12;
    const openUp = below < Math.min(menu.height, 240) && above > below;
    const maxHeight = Math.max(160, Math.min(420, openUp ? above : below));
    const height = Math.min(menu.height, maxHeight);
    let left = align === "end" ? rect.right - menu.width : rect.left;
    left = Math.max(8, Math.min(left, vw - menu.width - 8));
    const top = openUp ? rect.top - 4 - height : rect.bottom + 4;
    setPos({ top, left, maxHeight });
  }, [open, align]);

  useEffect(() => {
    if (!open) return;
    const first = menuRef.current?.querySelector<HTMLElement>(ITEMS);
    first?.focus();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) close(false);
    };
    const onResize = () => close(false);
    document.addEventListener("mousedown", onDown);
    window.addEventListener("resize", onResize);
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("resize", onResize);
    };
  }, [open, close]);

  const onMenuKeyDown = (e: React.KeyboardEvent) => {
    const nodes = Array.from(menuRef.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
    const i = nodes.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown") {
      e.preventDefault();
      nodes[(i + 1) % nodes.length]?.focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      nodes[(i - 1 + nodes.length) % nodes.length]?.focus();
    } else if (e.key === "Home") {
      e.preventDefault();
      nodes[0]?.focus();
    } else if (e.key === "End") {
      e.preventDefault();
      nodes[nodes.length - 1]?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "Tab") {
      close(false);
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-label={children ? label : undefined}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        title={title}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children ?? label}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={menuLabel ?? label}
          onKeyDown={onMenuKeyDown}
          style={{
            position: "fixed",
            top: pos?.top ?? -9999,
            left: pos?.left ?? -9999,
            maxHeight: pos?.maxHeight,
          }}
          className="z-50 min-w-48 max-w-72 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-1 text-sm shadow-lg shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40"
        >
          {items.length === 0 && <p className="px-3 py-2 text-zinc-500 dark:text-zinc-400">{emptyText}</p>}
          {items.map((item) => [
            item.separatorBefore && <div key={`${item.key}-separator`} role="separator" className="mx-2 my-1 h-px bg-zinc-200 dark:bg-zinc-700" />,
            <button
              key={item.key}
              type="button"
              role={item.checked === undefined ? "menuitem" : "menuitemradio"}
              aria-checked={item.checked}
              tabIndex={-1}
              disabled={item.disabled}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
              style={item.indent ? { paddingLeft: `${0.75 + item.indent * 0.875}rem` } : undefined}
              className={`flex w-full items-center gap-2 rounded-lg px-3 py-1.5 text-left outline-none focus-visible:outline-none disabled:opacity-45 ${
                item.danger
                  ? "text-red-700 hover:bg-red-50 focus:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/50 dark:focus:bg-red-950/50"
                  : "text-zinc-800 hover:bg-zinc-100 focus:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
              }`}
            >
              {item.icon}
              <span className="truncate">{item.label}</span>
            </button>,
          ])}
        </div>
      )}
    </>
  );
}
