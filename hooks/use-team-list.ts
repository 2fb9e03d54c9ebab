"use client";

import { useCallback, useMemo, useState } from "react";
import type { MessageSummary } from "@/lib/shared/types";
import type { TeamView } from "@/components/folders/team-views";
import { useTeamRows, useTeamViews } from "@/hooks/use-team";

/**
 * The message list's team work (issue 11): who each loaded row is assigned to, the folder list's
 * "Assigned to me" / "Unassigned" views, and the rows the chosen view shows. A view filters the
 * rows loaded so far (more load with the list's paging).
 */
export function useTeamList(folder: string, messages: MessageSummary[], loading: boolean, open: (folder: string) => void) {
  const [teamView, setTeamView] = useState<TeamView | null>(null);
  const uids = useMemo(() => messages.map((m) => m.uid), [messages]);
  const team = useTeamRows(folder, uids, !loading);
  const mailboxes = useTeamViews(folder, true);
  const view = teamView?.folder === folder ? teamView.kind : null;
  const rows = useMemo(() => {
    if (!view) return messages;
    return messages.filter((m) => (view === "mine" ? team.byUid.get(m.uid)?.self === true : !team.byUid.has(m.uid)));
  }, [view, messages, team.byUid]);
  const openView = useCallback(
    (v: TeamView) => {
      setTeamView((cur) => (cur?.folder === v.folder && cur.kind === v.kind ? null : v));
      open(v.folder);
    },
    [open],
  );
  return { team, mailboxes, view, rows, teamView, setTeamView, openView };
}
