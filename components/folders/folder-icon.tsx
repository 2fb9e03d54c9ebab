import type { Folder } from "@/lib/shared/types";
import {
  ArchiveIcon,
  DraftIcon,
  FolderIcon as PlainFolderIcon,
  InboxIcon,
  JunkIcon,
  SendIcon,
  SharedFolderIcon,
  TrashIcon,
} from "@/components/ui/icons";

export function FolderKindIcon({ folder, className = "size-4" }: { folder: Folder; className?: string }) {
  switch (folder.specialUse) {
    case "inbox":
      return <InboxIcon className={className} />;
    case "sent":
      return <SendIcon className={className} />;
    case "drafts":
      return <DraftIcon className={className} />;
    case "trash":
      return <TrashIcon className={className} />;
    case "junk":
      return <JunkIcon className={className} />;
    case "archive":
      return <ArchiveIcon className={className} />;
  }
  if (folder.path.toUpperCase() === "INBOX") return <InboxIcon className={className} />;
  if (folder.shared) return <SharedFolderIcon className={className} />;
  return <PlainFolderIcon className={className} />;
}
