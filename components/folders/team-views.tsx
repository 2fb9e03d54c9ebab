"use client";

import type { Folder } from "@/lib/shared/types";
import type { TeamViewsResponse } from "@/lib/shared/team-types";
import { folderLabel, formatCount } from "@/components/mail/format";

export type TeamViewKind = "mine" | "unassigned";
export interface TeamView {
  folder: string;
  kind: TeamViewKind;
}

interface TeamViewsProps {
  mailboxes: TeamViewsResponse["mailboxes"];
  folders: Folder[];
  current: TeamView | null;
  onOpen: (view: TeamView) => void;
}

export const VIEW_LABELS: Record<TeamViewKind, string> = { mine: "Assigned to me", unassigned: "Unassigned" };

function Count({ n, label }: { n: number; label: string }) {
  return (
    <span role="img" aria-label={label} className="ml-2 rounded-full bg-zinc-200/80 px-1.5 py-px text-xs font-semibold tabular-nums text-zinc-700 dark:bg-zinc-700/80 dark:text-zinc-200">
      {formatCount(n)}
    </span>
  );
}

/**
 * "Assigned to me" and "Unassigned" for every mailbox that has assignments, with counts, and a badge
 * for notes that mention the person. Counts come from the server and re-read on every team change.
 */
export function TeamViews({ mailboxes, folders, current, onOpen }: TeamViewsProps) {
  if (!mailboxes.length) return null;
  return (
    <div className="mb-4">
      <h2 className="px-2.5 pb-2 text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">Team</h2>
      {mailboxes.map((m) => {
        const folder = folders.find((f) => f.path === m.folder);
        const name = folder ? folderLabel(folder) : m.folder;
        const unassigned = Math.max(0, (folder?.total ?? m.assigned) - m.assigned);
        const entry = (kind: TeamViewKind, count: number) => {
          const active = current?.folder === m.folder && current.kind === kind;
          return (
            <li key={kind}>
              <button
                type="button"
                aria-pressed={active}
                onClick={() => onOpen({ folder: m.folder, kind })}
                className={`flex min-h-9 w-full items-center rounded-lg py-1.5 pl-2.5 pr-2 text-left text-sm ${
                  active ? "bg-accent-50 text-accent-800 dark:bg-accent-500/15 dark:text-accent-200" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/70"
                }`}
              >
                <span className="min-w-0 flex-1 truncate">{VIEW_LABELS[kind]}</span>
                {kind === "mine" && m.mentions > 0 && (
                  <span role="img" aria-label={`${formatCount(m.mentions)} ${m.mentions === 1 ? "mention" : "mentions"}`} className="ml-2 rounded-full bg-accent-600 px-1.5 py-px text-xs font-semibold text-white dark:bg-accent-400 dark:text-zinc-950">
                    @{formatCount(m.mentions)}
                  </span>
                )}
                <Count n={count} label={`${formatCount(count)} ${count === 1 ? "message" : "messages"}`} />
              </button>
            </li>
          );
        };
        return (
          <div key={m.folder} role="group" aria-label={`Team views of ${name}`} className="mb-2">
            <p className="truncate px-2.5 pb-0.5 text-[13px] font-medium text-zinc-500 dark:text-zinc-400">{name}</p>
            <ul className="space-y-0.5">
              {entry("mine", m.mine)}
              {entry("unassigned", unassigned)}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
