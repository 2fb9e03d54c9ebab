"use client";

import { MenuButton, type MenuItem } from "@/components/ui/menu-button";
import { buttonClass } from "@/components/ui/button";
import { ChevronDownIcon, SortIcon } from "@/components/ui/icons";
import { SORT_KEYS, SORT_LABELS, parseSort, sortDirectionLabel, type SortKey, type SortSpec } from "@/lib/shared/sort";

interface SortMenuProps {
  /** The order the server applied ("date-desc"). */
  sort: string;
  /** The chosen order could not be applied: say so, next to the menu. */
  unavailable: boolean;
  disabled?: boolean;
  onChoose: (sort: SortSpec) => void;
}

// Names and sizes read best A to Z and largest first; dates newest first.
const naturalDesc = (key: SortKey) => key === "date" || key === "arrival" || key === "size";

/** The "Sort" menu above the list (issue 12 point 3): what to sort by, then which way. */
export function SortMenu({ sort, unavailable, disabled, onChoose }: SortMenuProps) {
  const current = parseSort(sort) ?? { key: "arrival", desc: true };
  const mark = (on: boolean) => <span aria-hidden="true" className="w-3 text-accent-600 dark:text-accent-400">{on ? "✓" : ""}</span>;
  const items: MenuItem[] = [
    ...SORT_KEYS.map((key) => ({
      key,
      label: SORT_LABELS[key],
      checked: key === current.key,
      icon: mark(key === current.key),
      onSelect: () => onChoose({ key, desc: naturalDesc(key) }),
    })),
    ...[true, false].map((desc) => {
      const label = sortDirectionLabel({ key: current.key, desc });
      return {
        key: desc ? "desc" : "asc",
        label: `${label[0]!.toUpperCase()}${label.slice(1)}`,
        checked: desc === current.desc,
        // Which way is a choice of its own, after the line: "Oldest first" here reverses the order.
        separatorBefore: desc,
        icon: mark(desc === current.desc),
        onSelect: () => onChoose({ key: current.key, desc }),
      };
    }),
  ];
  const said = `${SORT_LABELS[current.key]}, ${sortDirectionLabel(current)}`;
  return (
    <span className="flex items-center gap-1.5">
      <MenuButton label={`Sort: ${said}`} menuLabel="Sort" items={items} disabled={disabled} align="end" className={buttonClass("ghost", "sm", "pr-1.5")}>
        {/* Narrower list columns (below xl) say "Sort" with an icon: with the words the line wrapped at 1024 px. */}
        <span className="hidden text-zinc-500 xl:inline dark:text-zinc-400">Sort:</span>
        <SortIcon className="size-4 text-zinc-500 xl:hidden dark:text-zinc-400" />
        {SORT_LABELS[current.key]}
        <ChevronDownIcon className="size-3.5" />
      </MenuButton>
      {unavailable && (
        <span role="status" className="text-xs text-amber-700 dark:text-amber-300">
          Too many messages to sort here; shown by date received.
        </span>
      )}
    </span>
  );
}
