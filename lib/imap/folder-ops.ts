import "server-only";
import { checkFolderName } from "@/lib/mail/folder-name";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import { listFolders } from "@/lib/imap/list-folders";
import { bareNo, lacksRights } from "@/lib/imap/refusal";

const PROTECTED = "This folder is part of your mailbox and can't be renamed or deleted.";

async function folderByPath(client: ImapFlow, path: string) {
  const folder = (await listFolders(client)).find((f) => f.path === path);
  if (!folder) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
  return folder;
}

export async function createFolder(client: ImapFlow, parent: string | null, name: string): Promise<string> {
  const delimiter = parent ? (await folderByPath(client, parent)).delimiter : "/";
  const path = parent ? `${parent}${delimiter}${checkFolderName(name, delimiter)}` : checkFolderName(name, delimiter);
  const res = await client.mailboxCreate(path).catch(async (err: unknown) => {
    // Cyrus refuses an existing name, or a parent without the "k" right, with a bare NO: say which.
    if (bareNo(err)) {
      if ((await client.list()).some((f) => f.path === path)) throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.", { cause: err });
      if (parent && (await lacksRights(client, parent, "k"))) throw new MailroomError("PERMISSION_DENIED", "You don't have permission to create folders here.", { cause: err });
    }
    throw err;
  });
  if (!res.created) throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
  await client.mailboxSubscribe(res.path).catch(() => {});
  return res.path;
}

export async function renameFolder(client: ImapFlow, path: string, newName: string): Promise<string> {
  const folder = await folderByPath(client, path);
  if (folder.specialUse || folder.shared) throw new MailroomError("FORBIDDEN", PROTECTED);
  const clean = checkFolderName(newName, folder.delimiter);
  const newPath = folder.parentPath ? `${folder.parentPath}${folder.delimiter}${clean}` : clean;
  if (newPath === path) return path;
  const res = await client.mailboxRename(path, newPath);
  return res.newPath;
}

export async function deleteFolder(client: ImapFlow, path: string): Promise<void> {
  const folder = await folderByPath(client, path);
  if (folder.specialUse || folder.shared) throw new MailroomError("FORBIDDEN", PROTECTED);
  await client.mailboxDelete(path);
}
