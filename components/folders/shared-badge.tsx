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
