// IMAP ACL rights (RFC 4314) for the UI and the server alike: which actions a folder allows.
import type { Folder, FolderRights } from "@/lib/shared/types";

/** Parses a MYRIGHTS string. RFC 2086's obsolete "c" (create) and "d" (delete) still appear on old servers. */
export function parseRights(raw: string): FolderRights {
  const has = (c: string) => raw.includes(c);
  return {
    read: has("r"),
    seen: has("s"),
    write: has("w"),
    insert: has("i"),
    delete: (has("t") && has("e")) || has("d"),
    create: has("k") || has("c"),
    admin: has("a"),
    raw,
  };
}

export const FULL_RIGHTS: FolderRights = parseRights("lrswipkxtea");

/** A folder without rights from the server is the user's own: everything is allowed. */
export function rightsOf(folder: Folder | undefined | null): FolderRights {
  return folder?.rights ?? FULL_RIGHTS;
}

export function isReadOnly(rights: FolderRights): boolean {
  return !rights.seen && !rights.write && !rights.delete && !rights.insert;
}

/** Why a control is disabled, in words (tooltip and accessible description). */
export function rightsHint(rights: FolderRights): string {
  if (isReadOnly(rights)) return "You have read-only access to this folder";
  return "You don't have permission to do this in this shared folder";
}
