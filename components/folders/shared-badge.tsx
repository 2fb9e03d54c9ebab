import { peopleList } from "@/lib/shared/folder-people";

/** On the owner's own folder: "Shared", and with whom (tooltip; read out in full by screen readers). */
export function SharedBadge({ people }: { people: string[] }) {
  const whom = `Shared with ${peopleList(people)}`;
  return (
    <span
      title={whom}
      data-shared-badge=""
      className="ml-2 shrink-0 rounded-md bg-accent-50 px-1.5 py-px text-[11px] font-medium text-accent-800 dark:bg-accent-500/15 dark:text-accent-200"
    >
      <span aria-hidden="true">Shared</span>
      <span className="sr-only">, {whom}</span>
    </span>
  );
}

/**
 * Another person's folder in the sidebar: its name, and "shared by alice" under it, so neither is cut
 * off in a narrow sidebar. Read as one name, "Team — shared by alice".
 */
export function SharedFolderName({ label, bold }: { label: string; bold: boolean }) {
  const [name, ...rest] = label.split(" — ");
  return (
    <span title={label} className="min-w-0 flex-1 leading-tight">
      <span className={`block truncate ${bold ? "font-semibold" : ""}`}>
        {name}
        {rest.length > 0 && <span className="sr-only"> — </span>}
      </span>
      {rest.length > 0 && <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{rest.join(" — ")}</span>}
    </span>
  );
}
