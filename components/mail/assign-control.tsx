"use client";

import type { AssignmentView, TeamPerson } from "@/lib/shared/team-types";
import { MenuButton, type MenuItem } from "@/components/ui/menu-button";
import { buttonClass } from "@/components/ui/button";
import { UserIcon } from "@/components/ui/icons";
import { TeamAvatar } from "@/components/mail/team-avatar";

interface AssignControlProps {
  assignment: AssignmentView | null;
  members: TeamPerson[];
  loading: boolean;
  error: string | null;
  onAssign: (assignee: string | null) => void;
}

const personLabel = (p: TeamPerson) => `${p.name}${p.detail ? ` (${p.detail})` : ""}${p.self ? " (you)" : ""}`;

/**
 * "Assigned to Bob P" / "Assigned to you" and the "Assign" menu: everyone who can work in this mailbox,
 * and "Unassign" when the message has an assignee. The line is a live region: a colleague's change is
 * announced as it arrives.
 */
export function AssignControl({ assignment, members, loading, error, onAssign }: AssignControlProps) {
  const items: MenuItem[] = members.map((p) => ({
    key: p.id,
    label: personLabel(p),
    disabled: assignment?.assignee.id === p.id,
    onSelect: () => onAssign(p.id),
  }));
  if (assignment) items.push({ key: "unassign", label: "Unassign", onSelect: () => onAssign(null) });
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 text-[13px]">
      <p role="status" aria-live="polite" aria-label="Assignment" className="flex min-w-0 items-center gap-1.5 text-zinc-700 dark:text-zinc-300">
        {assignment ? (
          <>
            <TeamAvatar id={assignment.assignee.id} name={assignment.assignee.name} />
            <span className="truncate">{assignment.assignee.self ? "Assigned to you" : `Assigned to ${assignment.assignee.name}`}</span>
          </>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">Not assigned</span>
        )}
      </p>
      <MenuButton
        label="Assign"
        menuLabel="Assign to"
        className={buttonClass("secondary", "sm", "gap-1.5")}
        items={items}
        emptyText={loading ? "Loading people…" : "Nobody else has used this mailbox yet"}
      >
        <UserIcon className="size-3.5" />
        Assign
      </MenuButton>
      {error && (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
