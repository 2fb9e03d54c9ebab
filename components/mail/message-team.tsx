"use client";

import { useMessageTeam } from "@/hooks/use-message-team";
import { useTeamMembers } from "@/hooks/use-team";
import { AssignControl } from "@/components/mail/assign-control";
import { TeamNotes } from "@/components/mail/team-notes";

/**
 * Under the subject: who the open message is assigned to, and "Assign". Live. Only in a mailbox someone
 * else works in too (its Assign list has more than the reader), or for a message assigned already: in
 * one's own mailbox "Not assigned · Assign" stood above every message's body, offering nobody.
 */
export function MessageAssignment({ folder, uid }: { folder: string; uid: number }) {
  const team = useMessageTeam(folder, uid);
  const { members, loading, known } = useTeamMembers(folder, true);
  if (!team.assignment && !team.error && (!known || members.length <= 1)) return null;
  return <AssignControl assignment={team.assignment} members={members} loading={loading} error={team.error} onAssign={(id) => void team.assign(id)} />;
}

/** Under the message: the team's internal notes. Live. */
export function MessageNotesSection({ folder, uid }: { folder: string; uid: number }) {
  const team = useMessageTeam(folder, uid);
  return (
    <div className="px-4 pb-8 md:px-8">
      <TeamNotes notes={team.notes} error={team.error} onAdd={team.addNote} onEdit={team.editNote} onDelete={(id) => void team.deleteNote(id)} />
    </div>
  );
}
