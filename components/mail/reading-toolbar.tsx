"use client";

import type { Folder, MessageDetail } from "@/lib/shared/types";
import { MenuButton, type MenuItem } from "@/components/ui/menu-button";
import { ArchiveIcon, FileIcon, FlagIcon, JunkIcon, InboxIcon, MailIcon, MailOpenIcon, MoreIcon, MoveIcon, TrashIcon } from "@/components/ui/icons";
import { FolderKindIcon } from "@/components/folders/folder-icon";
import { folderLabel } from "@/components/mail/format";
import { rightsOf } from "@/lib/shared/rights";
import type { MailActions } from "@/components/mail/use-mail-actions";

const tool =
  "inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-zinc-700 transition-colors hover:bg-zinc-100 hover:text-zinc-950 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 aria-disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white";

function PrintIcon({ className = "size-4" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      <path d="M7 9V3h10v6M7 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-2M7 14h10v7H7z" />
    </svg>
  );
}

/** Between groups of tools (where it goes, what it is, the page itself): eight icons in a row read as one blur. */
function Divider({ wide }: { wide?: boolean }) {
  return <span role="separator" aria-orientation="vertical" className={`mx-1 h-5 w-px shrink-0 bg-zinc-200 dark:bg-zinc-700 ${wide ? "hidden lg:block" : "block"}`} />;
}

/** A button that stays focusable when it cannot act, and says why (title and description). */
function Tool({ label, onClick, reason, children, wide }: { label: string; onClick: () => void; reason?: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={reason ?? label}
      aria-disabled={reason ? true : undefined}
      aria-description={reason}
      onClick={() => !reason && onClick()}
      // Not both inline-flex and hidden: which display wins would depend on the stylesheet's order.
      className={wide ? tool.replace("inline-flex", "hidden lg:inline-flex") : tool}
    >
      {children}
    </button>
  );
}

/**
 * The reading pane's own toolbar, on every width (issue 12 point 8): Archive, Delete, Move, Mark
 * unread/read, Flag, Spam (or Not spam inside Junk), Print, View source. Below lg the last three fold
 * into "More actions".
 */
export function ReadingToolbar({ message, folders, actions }: { message: MessageDetail; folders: Folder[]; actions: MailActions }) {
  const uids = [message.uid];
  const here = actions.folder;
  const archiveReason = !actions.archiveFolder ? actions.noArchiveReason : actions.archiveFolder.path === here ? "This message is already in Archive." : undefined;
  const spamReason = !actions.junkFolder ? actions.noJunkReason : undefined;
  const spamLabel = actions.inJunk ? "Not spam" : "Report spam";
  const spam = () => (actions.inJunk ? actions.notSpam(uids) : actions.spam(uids));

  const moveItems: MenuItem[] = folders
    .filter((f) => f.selectable && f.path !== here)
    .map((f) => ({
      key: f.path,
      disabled: !rightsOf(f).insert,
      label: folderLabel(f),
      indent: f.depth,
      icon: (
        <span className="text-zinc-500 dark:text-zinc-400">
          <FolderKindIcon folder={f} />
        </span>
      ),
      onSelect: () => actions.move(uids, f.path),
    }));

  const more: MenuItem[] = [
    { key: "spam", label: spamLabel, disabled: !!spamReason, icon: actions.inJunk ? <InboxIcon /> : <JunkIcon />, onSelect: spam },
    { key: "print", label: "Print", icon: <PrintIcon />, onSelect: () => actions.print(message.uid) },
    { key: "source", label: "View source", icon: <FileIcon />, onSelect: () => actions.viewSource(message.uid) },
  ];

  return (
    <div role="toolbar" aria-label="Open message actions" className="flex min-w-0 items-center gap-0.5" data-reading-toolbar="">
      <Tool label="Archive" reason={archiveReason} onClick={() => actions.archive(uids)}>
        <ArchiveIcon />
      </Tool>
      <Tool label="Delete message" onClick={() => actions.remove(uids)}>
        <TrashIcon />
      </Tool>
      <MenuButton label="Move message to…" menuLabel="Move to folder" title="Move message to…" className={tool} items={moveItems} emptyText="No other folders">
        <MoveIcon />
      </MenuButton>
      <Divider />
      <Tool label={message.seen ? "Mark as unread" : "Mark as read"} onClick={() => (message.seen ? actions.markUnread(uids) : actions.markRead(uids))}>
        {message.seen ? <MailIcon /> : <MailOpenIcon />}
      </Tool>
      <Tool label={message.flagged ? "Unflag message" : "Flag message"} onClick={() => (message.flagged ? actions.unflag(uids) : actions.flag(uids))}>
        <FlagIcon filled={message.flagged} className={`size-4 ${message.flagged ? "text-amber-500 dark:text-amber-400" : ""}`} />
      </Tool>
      <Tool label={spamLabel} reason={spamReason} onClick={spam} wide>
        {actions.inJunk ? <InboxIcon /> : <JunkIcon />}
      </Tool>
      <Divider wide />
      <Tool label="Print" onClick={() => actions.print(message.uid)} wide>
        <PrintIcon />
      </Tool>
      <Tool label="View source" onClick={() => actions.viewSource(message.uid)} wide>
        <FileIcon />
      </Tool>
      <span className="lg:hidden">
        <MenuButton label="More actions" menuLabel="More actions" title="More actions" align="end" className={tool} items={more}>
          <MoreIcon />
        </MenuButton>
      </span>
    </div>
  );
}
